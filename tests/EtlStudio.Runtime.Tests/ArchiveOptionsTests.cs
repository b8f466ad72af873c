using Microsoft.Extensions.Options;

namespace EtlStudio.Runtime.Tests;

public sealed class ArchiveOptionsTests
{
    [Fact]
    public async Task Bad_archive_limits_stop_the_start_naming_every_key()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Archives:MaxExpansionRatio"] = "0.5",
            ["Archives:RatioFreeBytes"] = "-1",
            ["Archives:MaxUncompressedBytes"] = "0",
        };

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => RuntimeApp.CreateAsync(settings));

        var message = string.Join(" ", (failure as AggregateException)?.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)
            ?? (failure as OptionsValidationException)?.Failures ?? [failure.Message]);
        Assert.Contains("Archives:MaxExpansionRatio must be at least 1", message, StringComparison.Ordinal);
        Assert.Contains("Archives:RatioFreeBytes must be 0 or more", message, StringComparison.Ordinal);
        Assert.Contains("Archives:MaxUncompressedBytes must be at least 1", message, StringComparison.Ordinal);
    }
}
