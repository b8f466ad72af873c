using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Flows;

namespace EtlStudio.Web.Api;

/// <summary>One target column. Omitted: type String, trimmed, not required, not optional (a source field missing from the
/// input fails the run), taken from the source field. A column with an <c>expression</c> is computed (no source field);
/// <c>length</c> bounds a String column of a table created from the mapping (omitted: unbounded text).</summary>
internal sealed record ColumnMappingDto(string? SourceField, string? TargetColumn, ColumnType? TargetType, int? Precision, int? Scale,
    string? Format, string? Culture, string? DefaultValue, bool? Required, bool? Trim, DerivedValue? Derived, bool? Optional = null,
    string? Expression = null, int? Length = null)
{
    public ColumnMappingForm ToForm() => new()
    {
        SourceField = SourceField,
        TargetColumn = TargetColumn ?? "",
        TargetType = TargetType ?? ColumnType.String,
        Precision = Precision,
        Scale = Scale,
        Format = Format,
        Culture = Culture,
        DefaultValue = DefaultValue,
        Required = Required ?? false,
        Optional = Optional ?? false,
        Trim = Trim ?? true,
        Derived = Derived ?? DerivedValue.None,
        Expression = Expression,
        Length = Length,
    };

    public static ColumnMappingDto From(ColumnMappingForm c) =>
        new(c.SourceField, c.TargetColumn, c.TargetType, c.Precision, c.Scale, c.Format, c.Culture, c.DefaultValue, c.Required, c.Trim, c.Derived, c.Optional, c.Expression, c.Length);
}
