namespace EtlStudio.Engine.Definitions;

/// <summary>A flow's source. One of the derived records.</summary>
public abstract record SourceDefinition;
