using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>What PostgreSQL refuses of a value: NULL in a NOT NULL column (a default does not stand in for an
/// explicit NULL), U+0000 in any text (and its JSON escape in jsonb), more characters than <c>varchar(n)</c> or
/// <c>char(n)</c> hold — unless the excess is only spaces, which the server cuts — and numbers that, rounded to the
/// scale, have more integer digits than <c>numeric(p,s)</c> allows.</summary>
internal static class PostgresRules
{
    public static ColumnRule For(TargetColumn column, CatalogColumn c)
    {
        var text = column.Type is ColumnType.String or ColumnType.Json;
        var limited = text && c.TypeName is "varchar" or "bpchar" && c.Length > 0;
        var type = c.TypeName == "bpchar" ? DestinationCheck.Describe(c with { TypeName = "char" }) : DestinationCheck.Describe(c);
        return new ColumnRule(column.Name, type, c.NotNull,
            maxLength: limited ? c.Length!.Value : 0, count: TextCount.CodePointsSpacesCut,
            nul: !text ? NulRule.Allowed : c.TypeName == "jsonb" ? NulRule.RefusedAlsoEscaped : NulRule.Refused,
            precision: c.TypeName == "numeric" ? c.Precision : null, scale: c.Scale ?? 0, roundsToScale: true);
    }
}
