using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.Oracle;

/// <summary>What Oracle refuses of a value: NULL in a NOT NULL column without DEFAULT ON NULL, text longer than
/// <c>varchar2/nvarchar2/char/nchar(n)</c> (counted in characters: for a column of byte semantics that is a lower
/// bound), and numbers that, rounded to the scale, have more integer digits than <c>NUMBER(p,s)</c> allows (ORA-01438).
/// <c>NUMBER</c> without a precision, <c>FLOAT</c> and <c>CLOB</c> have no limit here.</summary>
internal static class OracleRules
{
    public static ColumnRule For(TargetColumn column, CatalogColumn c)
    {
        var text = column.Type is ColumnType.String or ColumnType.Json;
        var limited = text && c.TypeName is "varchar2" or "nvarchar2" or "char" or "nchar" && c.Length > 0;
        return new ColumnRule(column.Name, DestinationCheck.Describe(c), c.NotNull,
            maxLength: limited ? c.Length!.Value : 0, count: TextCount.CodePoints,
            precision: c.TypeName == "number" ? c.Precision : null, scale: c.Scale ?? 0, roundsToScale: true);
    }
}
