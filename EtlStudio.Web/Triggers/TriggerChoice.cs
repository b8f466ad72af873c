namespace EtlStudio.Web.Triggers;

/// <summary>A connection or flow the trigger editor offers.</summary>
internal sealed record TriggerChoice(int Id, string Name);
