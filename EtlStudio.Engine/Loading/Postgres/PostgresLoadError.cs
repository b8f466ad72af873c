using System.Text.RegularExpressions;
using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Turns a server error during a load into an <see cref="EtlDataException"/> that names the table and, where
/// PostgreSQL says so (the error fields or the COPY context "COPY t, line 3, column c"), the row and column.</summary>
internal static partial class PostgresLoadError
{
    public static EtlDataException From(string table, PostgresException e)
    {
        var context = e.Where is { Length: > 0 } where ? CopyContext().Match(where) : Match.Empty;
        var column = e.ColumnName ?? (context.Success ? context.Groups["column"].Value : null);
        var row = context.Success && long.TryParse(context.Groups["line"].ValueSpan, out var line) ? $"batch row {line}: " : "";
        var detail = e.Detail is { Length: > 0 } d ? $" {d}" : "";
        return new EtlDataException($"{row}{e.MessageText} [{e.SqlState}]{detail}", e.TableName ?? table, null, column, e);
    }

    [GeneratedRegex(@"^COPY [^,]+, line (?<line>\d+)(, column (?<column>[^:]+))?")]
    private static partial Regex CopyContext();
}
