using Xunit;

namespace EtlStudio.Kafka.Tests;

/// <summary>Waits for something the consumer does on its own thread. The limit only turns a hang into a failure.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Gave up after {seconds} s waiting for: {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
