using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading;

/// <summary>A target column as the loader sees it.</summary>
/// <param name="Name">Column name in the destination.</param>
/// <param name="Type">Type of the values the mapper produces for it.</param>
/// <param name="Precision">Decimal precision.</param>
/// <param name="Scale">Decimal scale.</param>
/// <param name="Length">For a created String column: most characters (<c>varchar(n)</c>); null = unbounded text.</param>
/// <param name="Required">The mapper rejects a row without a value, so a created column is NOT NULL.</param>
/// <param name="SourceField">The source field the column is read from; null for computed and run-value columns.
/// Only a <see cref="SchemaPlan"/>'s diff looks at it.</param>
public sealed record TargetColumn(string Name, ColumnType Type, int? Precision = null, int? Scale = null, int? Length = null, bool Required = false, string? SourceField = null)
{
    /// <summary>The target column of a column map.</summary>
    public static TargetColumn Of(ColumnMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var read = map.Derived == DerivedValue.None && string.IsNullOrWhiteSpace(map.Expression);
        return new(map.TargetColumn, map.Type, map.Precision, map.Scale, map.Length, map.Required, read ? map.SourceField : null);
    }
}
