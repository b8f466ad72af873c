using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading;

/// <summary>A target column as the loader sees it.</summary>
/// <param name="Name">Column name in the destination.</param>
/// <param name="Type">Type of the values the mapper produces for it.</param>
/// <param name="Precision">Decimal precision.</param>
/// <param name="Scale">Decimal scale.</param>
public sealed record TargetColumn(string Name, ColumnType Type, int? Precision = null, int? Scale = null);
