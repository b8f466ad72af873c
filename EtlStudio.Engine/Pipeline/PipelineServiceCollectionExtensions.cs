using EtlStudio.Engine.Staging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Registers the pipeline: <see cref="FlowRunner"/> and its staging store.</summary>
public static class PipelineServiceCollectionExtensions
{
    /// <summary>Registers <see cref="FlowRunner"/> (staging mapped rows in <see cref="StagingOptions.Format"/>) and
    /// <see cref="IStagingStore"/> (from <paramref name="staging"/>,
    /// unless a store is already registered) as singletons. <see cref="Sources.ISourceFactory"/>
    /// (<c>AddEtlSources</c>), <see cref="Loading.ILoaderFactory"/> and logging are registered by the host.</summary>
    public static IServiceCollection AddEtlPipeline(this IServiceCollection services, StagingOptions? staging = null)
    {
        var options = staging ?? new StagingOptions();
        services.TryAddSingleton(_ => options.CreateStore());
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<FlowRunner>(sp, options.Format));
        return services;
    }
}
