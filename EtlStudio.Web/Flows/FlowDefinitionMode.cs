namespace EtlStudio.Web.Flows;

/// <summary>What a <see cref="FlowDefinitionFactory"/> definition is for.</summary>
public enum FlowDefinitionMode
{
    /// <summary>A run (or dry run) of a saved flow: everything must be there, the incremental cursor applies.</summary>
    Run,
    /// <summary>The designer's preview and destination check of an unsaved draft: parts may be missing yet, the query
    /// starts from the beginning, a Kafka topic cannot be sampled, and commands time out after 30 seconds.</summary>
    Draft,
}
