using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Designer;

/// <summary>One target column as the designer edits it.</summary>
public sealed class ColumnDraft
{
    public string? SourceField { get; set; }
    public string TargetColumn { get; set; } = "";
    public ColumnType Type { get; set; } = ColumnType.String;
    public int? Precision { get; set; }
    public int? Scale { get; set; }
    public string? Format { get; set; }
    public string? Culture { get; set; }
    public string? Default { get; set; }
    public bool Required { get; set; }
    public bool Trim { get; set; } = true;
    public DerivedValue Derived { get; set; }

    public static ColumnDraft From(ColumnMapping c) => new()
    {
        SourceField = c.SourceField, TargetColumn = c.TargetColumn, Type = c.TargetType, Precision = c.Precision, Scale = c.Scale,
        Format = c.Format, Culture = c.Culture, Default = c.DefaultValue, Required = c.Required, Trim = c.Trim, Derived = c.Derived,
    };

    public ColumnMapping ToEntity(int order) => new()
    {
        Order = order, SourceField = Derived == DerivedValue.None ? Blank(SourceField) : null, TargetColumn = TargetColumn.Trim(), TargetType = Type,
        Precision = Type == ColumnType.Decimal ? Precision : null, Scale = Type == ColumnType.Decimal ? Scale : null,
        Format = Blank(Format), Culture = Blank(Culture), DefaultValue = Default is { Length: > 0 } ? Default : null, Required = Required, Trim = Trim, Derived = Derived,
    };

    /// <summary>The engine's column map: the same one a run of the saved flow gets.</summary>
    public ColumnMap ToMap() => new()
    {
        SourceField = Derived == DerivedValue.None ? Blank(SourceField) : null, TargetColumn = TargetColumn.Trim(), Type = Type,
        Precision = Type == ColumnType.Decimal ? Precision : null, Scale = Type == ColumnType.Decimal ? Scale : null,
        Format = Blank(Format), Culture = Blank(Culture), Default = Default is { Length: > 0 } ? Default : null, Required = Required, Trim = Trim, Derived = Derived,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
