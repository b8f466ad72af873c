using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EtlStudio.Web.Triggers;

/// <summary>Degraded (never Unhealthy: the portal and schedules still work) while a trigger's consumer reports a
/// problem, with every problem in the description. <c>AddKafkaTriggers</c> registers it as check <c>kafka</c>.</summary>
public sealed class KafkaHealthCheck(KafkaHealth health) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = health.Problems;
        var data = new Dictionary<string, object> { ["consumers"] = health.RunningConsumers };
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"{health.RunningConsumers} Kafka trigger consumer(s) running", data)
            : HealthCheckResult.Degraded(string.Join("; ", problems), data: data));
    }
}
