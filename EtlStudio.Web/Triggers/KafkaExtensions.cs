using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Triggers;

/// <summary>Registers the Kafka triggers.</summary>
public static class KafkaExtensions
{
    /// <summary>Binds section <c>Kafka</c> (validated at start) and runs <see cref="KafkaTriggerService"/>. Needs
    /// <c>AddEtlStudioData</c>, an <see cref="Security.ISecretProtector"/> and an <see cref="IMessageBatchRunner"/>
    /// (resolved per batch, in a scope of its own). Adds <see cref="KafkaHealthCheck"/> as health check <c>kafka</c>;
    /// mapping the endpoint is left to the observability set-up.</summary>
    public static IHostApplicationBuilder AddKafkaTriggers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KafkaOptions>().BindConfiguration(KafkaOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>();
        // Entra ID sign-in to Event Hubs; a deployment that registers its own credential keeps it.
        builder.Services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        builder.Services.AddSingleton<KafkaHealth>();
        builder.Services.AddSingleton<KafkaClientSettingsFactory>();
        builder.Services.AddSingleton<KafkaTriggerCatalog>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TriggerConsumerFactory>();
        builder.Services.AddSingleton<LedgerOffsets>();
        builder.Services.TryAddSingleton<ConsumerLag>();
        builder.Services.AddHostedService<KafkaTriggerService>();
        builder.Services.AddHealthChecks().AddCheck<KafkaHealthCheck>("kafka");
        return builder;
    }
}
