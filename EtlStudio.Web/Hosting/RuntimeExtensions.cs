using EtlStudio.Web.Flows;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Scheduling;
using EtlStudio.Web.Triggers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

using EtlStudio.Web.Security;

namespace EtlStudio.Web.Hosting;

/// <summary><c>builder.AddRuntime()</c>: engine, Hangfire, run orchestration, schedules and housekeeping jobs;
/// <c>app.MapRuntime()</c>: the Hangfire dashboard.</summary>
internal static class RuntimeExtensions
{
    public static IHostApplicationBuilder AddRuntime(this IHostApplicationBuilder builder)
    {
        builder.AddEtlEngine();
        builder.AddScheduling();
        var services = builder.Services;
        AddValidated<RuntimeOptions, RuntimeOptionsValidator>(services, RuntimeOptions.Section);
        AddValidated<RetentionOptions, RetentionOptionsValidator>(services, RetentionOptions.Section);
        AddValidated<PortalOptions, PortalOptionsValidator>(services, PortalOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        // A Slack or Teams webhook URL carries its credential in the path, which the default client loggers print
        // ("Sending HTTP request POST https://hooks.slack.com/services/…"): this client logs nothing by itself.
        services.AddHttpClient(FailureNotifier.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10)).RemoveAllLoggers();

        services.AddSingleton<IRunProgressNotifier, RunProgressNotifier>();
        services.AddSingleton<LocalRuns>();
        // Run state changes record who acted and what the runs did: the security and observability registrations
        // add these too, and the first one wins.
        services.AddHttpContextAccessor();
        services.TryAddSingleton<Security.Authentication.CurrentUser>();
        services.AddMetrics();
        // The meter observes the consumer lag the Kafka triggers record; a host without triggers reports none.
        services.TryAddSingleton<Triggers.ConsumerLag>();
        services.TryAddSingleton<Observability.EtlMetrics>();
        services.AddSingleton<RunStates>();
        services.AddSingleton<RunRecorder>();
        services.AddSingleton<IncompleteStagingCleanup>();
        services.AddSingleton<FlowCursor>();
        services.AddSingleton<FlowDefinitionFactory>();
        services.AddSingleton<FlowDryRun>();
        services.AddSingleton<FailureNotifier>();
        services.AddSingleton<GroupScheduleSync>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<IRunLauncher>(sp => sp.GetRequiredService<RunLauncher>());
        services.AddTransient<RunExecution>();
        services.AddTransient<RunOrchestrator>();
        services.AddTransient<PartitionStore>();
        services.AddTransient<PartitionedRuns>();
        services.AddTransient<PartitionJob>();
        services.AddTransient<GroupRunJob>();
        services.AddTransient<AbandonedRunSweeper>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<IMessageBatchRunner, MessageBatchRunner>();
        services.AddHostedService<RuntimeStartup>();
        services.AddHostedService<RunWarmUp>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRuntime(this IEndpointRouteBuilder endpoints) => endpoints.MapSchedulingDashboard();

    private static void AddValidated<TOptions, TValidator>(IServiceCollection services, string section)
        where TOptions : class where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
