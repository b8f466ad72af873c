using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>A flow as a row of the Flows page.</summary>
public sealed record FlowListRow(int Id, int GroupId, string Group, int Order, string Name, string? Source, string? SourcePath, ParseFormat Format,
    string? Destination, string? Table, LoadMode LoadMode, string? Keys, int Columns, bool Enabled);
