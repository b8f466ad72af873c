using Azure.Identity;
using Azure.Storage.Blobs;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Pipeline;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Archives;
using EtlStudio.Engine.Staging;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Hosting;

/// <summary>Registers the engine: sources (with the compressed-file limits of section <c>Archives</c>), loaders, the
/// staging store of section <c>Staging</c> and the flow runner.</summary>
internal static class EngineExtensions
{
    public static IHostApplicationBuilder AddEtlEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StagingStoreOptions>().BindConfiguration(StagingStoreOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StagingStoreOptions>, StagingStoreOptionsValidator>();
        builder.Services.AddOptions<ArchiveLimits>().BindConfiguration(ArchiveLimitsValidator.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ArchiveLimits>, ArchiveLimitsValidator>();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<ArchiveLimits>>().Value);
        builder.Services.AddEtlSources();
        builder.Services.AddSingleton<ILoaderFactory>(sp => new LoaderFactory(sp.GetRequiredService<ILoggerFactory>()));
        // Before AddEtlPipeline, which registers its own store only when none is.
        builder.Services.AddSingleton<IStagingStore>(CreateStaging);
        builder.Services.AddEtlPipeline(new StagingOptions { Format = builder.Configuration.GetSection(StagingStoreOptions.Section).Get<StagingStoreOptions>()?.Format ?? StagingFormat.Ndjson });
        return builder;
    }

    private static IStagingStore CreateStaging(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StagingStoreOptions>>().Value;
        if (options.Provider == StagingProvider.LocalFolder)
        {
            return new LocalFolderStagingStore(Path.GetFullPath(options.Path, services.GetRequiredService<IHostEnvironment>().ContentRootPath));
        }
        var container = options.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, new DefaultAzureCredential()).GetBlobContainerClient(options.Container)
            : new BlobContainerClient(options.ConnectionString, options.Container);
        return new BlobStagingStore(container);
    }
}
