using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Triggers;

/// <summary>Reports every problem of section <c>Kafka</c>, each naming its key.</summary>
internal sealed class KafkaOptionsValidator : IValidateOptions<KafkaOptions>
{
    /// <summary>Set from the trigger and its connection, or essential to at-least-once delivery.</summary>
    private static readonly HashSet<string> Owned = new(StringComparer.OrdinalIgnoreCase)
    {
        "bootstrap.servers", "group.id", "client.id", "enable.auto.commit", "enable.auto.offset.store", "enable.partition.eof",
        "security.protocol", "sasl.mechanism", "sasl.mechanisms", "sasl.username", "sasl.password", "acks", "enable.idempotence",
    };

    public ValidateOptionsResult Validate(string? name, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        const string S = KafkaOptions.Section;
        if (options.TriggerPollSeconds < 1) problems.Add($"{S}:{nameof(options.TriggerPollSeconds)} must be at least 1 (is {options.TriggerPollSeconds}).");
        if (options.RetryInitialMs < 10) problems.Add($"{S}:{nameof(options.RetryInitialMs)} must be at least 10 (is {options.RetryInitialMs}).");
        if (options.RetryMaxMs < options.RetryInitialMs || options.RetryMaxMs > 240_000)
        {
            problems.Add($"{S}:{nameof(options.RetryMaxMs)} must be between {S}:{nameof(options.RetryInitialMs)} and 240000, below librdkafka's max.poll.interval.ms (is {options.RetryMaxMs}).");
        }
        foreach (var key in options.ClientProperties.Keys.Where(Owned.Contains))
        {
            problems.Add($"{S}:{nameof(options.ClientProperties)}:{key} cannot be set here: it comes from the trigger or its connection.");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
