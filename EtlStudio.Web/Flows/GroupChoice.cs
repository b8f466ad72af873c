namespace EtlStudio.Web.Flows;

/// <summary>A group as the designer's picker shows it.</summary>
public sealed record GroupChoice(int Id, string Name);
