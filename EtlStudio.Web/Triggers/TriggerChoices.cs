namespace EtlStudio.Web.Triggers;

/// <summary>The Kafka connections and flows a trigger can name.</summary>
internal sealed record TriggerChoices(IReadOnlyList<TriggerChoice> Connections, IReadOnlyList<TriggerChoice> Flows);
