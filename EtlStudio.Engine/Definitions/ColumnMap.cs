namespace EtlStudio.Engine.Definitions;

/// <summary>One target column and where its value comes from.</summary>
public sealed record ColumnMap
{
    /// <summary>Source field name or path (<c>customer.address.city</c>; XML attributes as <c>@id</c>). Ignored for derived
    /// columns, except <see cref="DerivedValue.MessageHeader"/> where it names the header.</summary>
    public string? SourceField { get; init; }
    /// <summary>Destination column name.</summary>
    public required string TargetColumn { get; init; }
    /// <summary>Target type.</summary>
    public ColumnType Type { get; init; } = ColumnType.String;
    /// <summary>Precision for <see cref="ColumnType.Decimal"/>.</summary>
    public int? Precision { get; init; }
    /// <summary>Scale for <see cref="ColumnType.Decimal"/>.</summary>
    public int? Scale { get; init; }
    /// <summary>For <see cref="ColumnType.String"/>: most characters a value may have, used when the table is created
    /// (<c>varchar(n)</c>); null = unbounded text.</summary>
    public int? Length { get; init; }
    /// <summary>Exact parse format (e.g. <c>dd/MM/yyyy</c>); null = culture's general parsing.</summary>
    public string? Format { get; init; }
    /// <summary>Culture name for numbers and dates (e.g. <c>fr-FR</c>); null/empty = invariant.</summary>
    public string? Culture { get; init; }
    /// <summary>Value used when the source is missing or empty (then converted like a source value).</summary>
    public string? Default { get; init; }
    /// <summary>A row whose value is still empty after default is rejected.</summary>
    public bool Required { get; init; }
    /// <summary>The source field may be absent from the input: a CSV header without it, or no JSON/XML record of the
    /// run that has it. The column is then empty (its <see cref="Default"/>, else null) and the run warns once. When
    /// false, such a field fails the run, naming the file and the field, since a misspelt field name would otherwise
    /// load a column of nulls.</summary>
    public bool Optional { get; init; }
    /// <summary>Trim white space before conversion.</summary>
    public bool Trim { get; init; } = true;
    /// <summary>Take the value from the run instead of the source.</summary>
    public DerivedValue Derived { get; init; } = DerivedValue.None;
    /// <summary>A computed column: its value is this expression over the record's source fields, the other mapped
    /// columns and run values (see <c>EtlStudio.Engine/Mapping/Expressions/README.md</c>), converted to
    /// <see cref="Type"/>. <see cref="SourceField"/> is then ignored and <see cref="Derived"/> must be
    /// <see cref="DerivedValue.None"/>. Null or empty: not computed.</summary>
    public string? Expression { get; init; }
}
