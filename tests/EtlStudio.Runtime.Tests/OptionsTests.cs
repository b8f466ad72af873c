using EtlStudio.Web.Hosting;
using EtlStudio.Web.Runs;
using Microsoft.Extensions.Options;

namespace EtlStudio.Runtime.Tests;

public sealed class OptionsTests
{
    [Fact]
    public async Task Bad_runtime_settings_stop_the_start_naming_every_key()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Runtime:HeartbeatSeconds"] = "10",
            ["Runtime:AbandonAfterSeconds"] = "20",
            ["Runtime:TransientRetries"] = "-1",
            ["Staging:Provider"] = "AzureBlob",
            ["Hangfire:WorkerCount"] = "0",
            ["Retention:Days"] = "0",
        };

        // One OptionsValidationException per section, gathered by the start-up validator.
        var failure = await Assert.ThrowsAsync<AggregateException>(() => RuntimeApp.CreateAsync(settings));

        var message = string.Join(" ", failure.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures));
        Assert.Contains("Runtime:AbandonAfterSeconds (20) must be at least three heartbeats (Runtime:HeartbeatSeconds = 10)", message, StringComparison.Ordinal);
        Assert.Contains("Runtime:TransientRetries must be at least 0", message, StringComparison.Ordinal);
        Assert.Contains("AzureBlob needs exactly one of Staging:BlobServiceUri (Azure identity) or Staging:ConnectionString", message, StringComparison.Ordinal);
        Assert.Contains("Hangfire:WorkerCount must be at least 1", message, StringComparison.Ordinal);
        Assert.Contains("Retention:Days must be at least 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Staging_on_blob_storage_checks_the_service_url_and_container_name()
    {
        var validator = new StagingStoreOptionsValidator();

        var identity = validator.Validate(null, new StagingStoreOptions { Provider = StagingProvider.AzureBlob, BlobServiceUri = new Uri("https://acct.blob.core.windows.net"), Container = "etl-staging" });
        var badName = validator.Validate(null, new StagingStoreOptions { Provider = StagingProvider.AzureBlob, ConnectionString = "UseDevelopmentStorage=true", Container = "Bad_Name" });

        Assert.True(identity.Succeeded);
        Assert.Contains("Staging:Container 'Bad_Name' is not a valid container name", badName.FailureMessage, StringComparison.Ordinal);
    }
}
