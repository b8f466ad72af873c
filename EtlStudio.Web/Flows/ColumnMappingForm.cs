using System.Globalization;
using EtlStudio.Data.Configurations;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Web.Flows;

/// <summary>One target column of a flow as the user edits it (portal designer or REST API), and its validation.
/// Its position in <see cref="FlowForm.Columns"/> is its order.</summary>
public sealed class ColumnMappingForm
{
    public string? SourceField { get; set; }
    public string TargetColumn { get; set; } = "";
    public ColumnType TargetType { get; set; } = ColumnType.String;
    public int? Precision { get; set; }
    public int? Scale { get; set; }
    public string? Format { get; set; }
    public string? Culture { get; set; }
    public string? DefaultValue { get; set; }
    public bool Required { get; set; }
    /// <summary>The source field may be missing from the input altogether: the run warns once instead of failing.</summary>
    public bool Optional { get; set; }
    public bool Trim { get; set; } = true;
    public DerivedValue Derived { get; set; } = DerivedValue.None;
    /// <summary>A computed column's expression (<see cref="ColumnMap.Expression"/>): then no source field is needed.</summary>
    public string? Expression { get; set; }
    /// <summary>String columns: most characters, for a table created from the mapping; null: unbounded text.</summary>
    public int? Length { get; set; }

    /// <summary>Whether the value comes from <see cref="Expression"/>.</summary>
    public bool IsComputed => !string.IsNullOrWhiteSpace(Expression);

    /// <summary>Longest text column a created table may declare (PostgreSQL's varchar limit; the others allow less
    /// and the DDL falls back to their unbounded text type).</summary>
    public const int MaxLength = 10_485_760;

    public static ColumnMappingForm From(ColumnMapping column) => new()
    {
        SourceField = column.SourceField,
        TargetColumn = column.TargetColumn,
        TargetType = column.TargetType,
        Precision = column.Precision,
        Scale = column.Scale,
        Format = column.Format,
        Culture = column.Culture,
        DefaultValue = column.DefaultValue,
        Required = column.Required,
        Optional = column.Optional,
        Trim = column.Trim,
        Derived = column.Derived,
        Expression = column.Expression,
        Length = column.Length,
    };

    /// <summary>The stored column at position <paramref name="order"/> (trimmed; empty texts become null).</summary>
    public ColumnMapping ToEntity(int order) => new()
    {
        Order = order,
        // A message header column keeps the header's name where a source field would be.
        SourceField = !IsComputed && Derived is DerivedValue.None or DerivedValue.MessageHeader ? NullIfEmpty(SourceField) : null,
        TargetColumn = TargetColumn.Trim(),
        TargetType = TargetType,
        Precision = TargetType == ColumnType.Decimal ? Precision : null,
        Scale = TargetType == ColumnType.Decimal ? Scale : null,
        Format = NullIfEmpty(Format),
        Culture = NullIfEmpty(Culture),
        // A default is a value: spaces may be meant, so it is kept as typed.
        DefaultValue = string.IsNullOrEmpty(DefaultValue) ? null : DefaultValue,
        Required = Required,
        Optional = Optional,
        Trim = Trim,
        Derived = Derived,
        Expression = IsComputed ? Expression!.Trim() : null,
        Length = TargetType == ColumnType.String ? Length : null,
    };

    /// <summary>The engine's column map: the same one a run of the saved flow gets (the designer previews with it).</summary>
    public ColumnMap ToMap()
    {
        var stored = ToEntity(0);
        return new()
        {
            SourceField = stored.SourceField, TargetColumn = stored.TargetColumn, Type = stored.TargetType, Precision = stored.Precision, Scale = stored.Scale,
            Format = stored.Format, Culture = stored.Culture, Default = stored.DefaultValue, Required = stored.Required, Optional = stored.Optional, Trim = stored.Trim, Derived = stored.Derived,
            Expression = stored.Expression, Length = stored.Length,
        };
    }

    /// <summary>Adds this column's problems to <paramref name="errors"/> under <c>{prefix}.{Property}</c>.</summary>
    public void Validate(string prefix, IDictionary<string, string> errors)
    {
        var target = TargetColumn.Trim();
        if (target.Length == 0) errors[$"{prefix}.{nameof(TargetColumn)}"] = "Enter the target column.";
        else if (target.Length > FieldLengths.Column) errors[$"{prefix}.{nameof(TargetColumn)}"] = FlowForm.TooLong(FieldLengths.Column);
        else if (!SqlIdentifier.IsPlain(target)) errors[$"{prefix}.{nameof(TargetColumn)}"] = SqlIdentifier.ColumnProblem(target);

        if (!Enum.IsDefined(TargetType)) errors[$"{prefix}.{nameof(TargetType)}"] = $"Unknown type '{TargetType}'.";
        if (!Enum.IsDefined(Derived)) errors[$"{prefix}.{nameof(Derived)}"] = $"Unknown derived value '{Derived}'.";
        if (IsComputed)
        {
            if (Expression!.Trim().Length > FieldLengths.Expression) errors[$"{prefix}.{nameof(Expression)}"] = FlowForm.TooLong(FieldLengths.Expression);
            else if (Derived != DerivedValue.None)
            {
                errors[$"{prefix}.{nameof(Expression)}"] = $"A computed column takes its value from its expression; it cannot also be {DerivedValueLabels.Of(Derived)}. Clear one of them.";
            }
        }
        else if (Derived == DerivedValue.None && string.IsNullOrWhiteSpace(SourceField))
        {
            errors[$"{prefix}.{nameof(SourceField)}"] = "Enter the source field, compute the value with an expression, or take it from the run (derived).";
        }
        else if (Derived == DerivedValue.MessageHeader && string.IsNullOrWhiteSpace(SourceField))
        {
            errors[$"{prefix}.{nameof(SourceField)}"] = "Enter the name of the message header to take the value from.";
        }
        else if (SourceField?.Trim().Length > FieldLengths.Path) errors[$"{prefix}.{nameof(SourceField)}"] = FlowForm.TooLong(FieldLengths.Path);

        if (TargetType == ColumnType.Decimal)
        {
            // .NET's decimal holds 28 significant digits: a wider column would lose digits on the way in.
            if (Precision is < 1 or > 28) errors[$"{prefix}.{nameof(Precision)}"] = "Between 1 and 28.";
            if (Scale is < 0 || Scale > (Precision ?? 28)) errors[$"{prefix}.{nameof(Scale)}"] = "Between 0 and the precision.";
        }
        if (TargetType == ColumnType.String && Length is < 1 or > MaxLength)
        {
            errors[$"{prefix}.{nameof(Length)}"] = string.Create(CultureInfo.InvariantCulture, $"Between 1 and {MaxLength:N0} characters, or leave empty for unbounded text.");
        }
        if (Format?.Trim().Length > FieldLengths.Format) errors[$"{prefix}.{nameof(Format)}"] = FlowForm.TooLong(FieldLengths.Format);
        if (!string.IsNullOrWhiteSpace(Culture) && !IsKnownCulture(Culture.Trim()))
        {
            errors[$"{prefix}.{nameof(Culture)}"] = $"Unknown culture '{Culture.Trim()}'. Use a name such as en-US, fr-FR or nl-NL, or leave empty for invariant.";
        }
        if (DefaultValue?.Length > FieldLengths.Description) errors[$"{prefix}.{nameof(DefaultValue)}"] = FlowForm.TooLong(FieldLengths.Description);
    }

    /// <summary>A culture name the engine can parse numbers and dates with (predefined, not made up on the fly).</summary>
    public static bool IsKnownCulture(string name)
    {
        try
        {
            _ = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return name.Length <= FieldLengths.Format;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
