using EtlStudio.Engine.Definitions;

namespace EtlStudio.Data.Entities;

/// <summary>One target column of a flow, in order.</summary>
public class ColumnMapping
{
    public int Id { get; set; }
    public int FlowId { get; set; }
    public int Order { get; set; }
    public string? SourceField { get; set; }
    public required string TargetColumn { get; set; }
    public ColumnType TargetType { get; set; } = ColumnType.String;
    public int? Precision { get; set; }
    public int? Scale { get; set; }
    public string? Format { get; set; }
    public string? Culture { get; set; }
    public string? DefaultValue { get; set; }
    public bool Required { get; set; }
    /// <summary>The source field may be missing from the source altogether (the run warns once instead of failing).</summary>
    public bool Optional { get; set; }
    public bool Trim { get; set; } = true;
    public DerivedValue Derived { get; set; } = DerivedValue.None;
    /// <summary>A computed column's expression (<see cref="ColumnMap.Expression"/>); null: not computed.</summary>
    public string? Expression { get; set; }
    /// <summary>String columns: most characters, for a table created from the mapping; null: unbounded text.</summary>
    public int? Length { get; set; }
}
