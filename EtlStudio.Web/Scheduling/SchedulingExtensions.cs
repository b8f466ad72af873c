using EtlStudio.Web.Runs;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Scheduling;

/// <summary>Hangfire: storage next to the configuration database, the job server, and the dashboard at <c>/hangfire</c>.</summary>
internal static class SchedulingExtensions
{
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        // Registered before AddHangfire, whose defaults are the process-wide JobStorage.Current and JobActivator.Current:
        // two hosts in one process (tests, or a worker beside the web app) must each keep their own.
        services.AddSingleton(sp =>
        {
            // Serializer settings and logging first: storages log while they install their schema.
            sp.GetRequiredService<IGlobalConfiguration>();
            return JobStorageFactory.Create(sp);
        });
        services.TryAddSingleton<ExecutorIdentity>();
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseTypeResolver(LegacyJobTypes.Resolve)
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        services.AddHangfireServer((sp, server) =>
        {
            var options = sp.GetRequiredService<IOptions<SchedulingOptions>>().Value;
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = TimeSpan.FromSeconds(options.SchedulePollingSeconds);
            // Named after the executor, so the sweeper can tell whether a run's process still has a live server.
            server.ServerName = sp.GetRequiredService<ExecutorIdentity>().Name;
            // Six beats in the sweeper's one minute (AbandonedRunSweeper.ServerGoneAfter), which reads the heartbeats
            // itself. ServerTimeout and ServerCheckInterval keep Hangfire's 5 min: a server whose heartbeats failed that
            // long (a database outage) restarts and cancels the runs it executes, so shorter would cost runs, not save them.
            server.HeartbeatInterval = TimeSpan.FromSeconds(10);
        });
        return builder;
    }

    /// <summary>Maps the dashboard for admins (<see cref="DashboardAuthorization"/>).</summary>
    public static IEndpointRouteBuilder MapSchedulingDashboard(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // Replaces Hangfire's local-requests-only default with the Admin policy (which falls back to it).
            Authorization = [],
            AsyncAuthorization = [new DashboardAuthorization()],
            DashboardTitle = "EtlStudio jobs",
        });
        return endpoints;
    }
}
