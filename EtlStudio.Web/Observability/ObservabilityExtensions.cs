using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EtlStudio.Web.Observability;

/// <summary>OpenTelemetry traces, metrics and logs, exported to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set;
/// health checks at <c>/healthz</c>.</summary>
public static class ObservabilityExtensions
{
    /// <summary>Path of the anonymous health endpoint (the App Service health check probes it).</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Registers telemetry, <see cref="EtlMetrics"/> and the database and staging health checks. The Kafka
    /// service adds its own check with <c>AddHealthChecks().AddCheck&lt;KafkaHealthCheck&gt;("kafka")</c>.</summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var azureMonitor = !string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.TryAddSingleton<Triggers.ConsumerLag>();
        builder.Services.TryAddSingleton<EtlMetrics>();
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeFormattedMessage = true;
            o.IncludeScopes = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("EtlStudio", serviceInstanceId: Environment.MachineName))
            .WithTracing(t => t.AddSource(EtlMetrics.MeterName).AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(m => m.AddMeter(EtlMetrics.MeterName));
        if (!azureMonitor)
        {
            // The Azure Monitor distro brings these itself; adding them twice would double every span.
            telemetry.WithTracing(t => t
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments(HealthPath))
                    .AddHttpClientInstrumentation())
                .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        }
        if (otlp) telemetry.UseOtlpExporter();
        if (azureMonitor) telemetry.UseAzureMonitor();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<StagingHealthCheck>("staging");
        return builder;
    }

    /// <summary>Maps <c>/healthz</c> for anonymous callers: 200 when healthy, 503 otherwise, with one JSON line per check.</summary>
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = (int)e.Value.Duration.TotalMilliseconds,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
