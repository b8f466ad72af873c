using System.Text.RegularExpressions;
using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Turns a server error during a load into an <see cref="EtlDataException"/> that says where, as a reject
/// does. PostgreSQL names the column in the error fields or the COPY context ("COPY t, line 3, column c"); the COPY
/// line is the batch row, which the batch maps back to its source origin, record and value.</summary>
internal static partial class PostgresLoadError
{
    /// <param name="table">The destination table, as configured.</param>
    /// <param name="e">The server's error.</param>
    /// <param name="batch">The batch being written; null when the error came at the commit of a whole load.</param>
    /// <param name="names">The COPY's column names, in row order.</param>
    public static EtlDataException From(string table, PostgresException e, RowBatch? batch, IReadOnlyList<string> names)
    {
        var context = e.Where is { Length: > 0 } where ? CopyContext().Match(where) : Match.Empty;
        var column = e.ColumnName ?? (context.Success && context.Groups["column"].Success ? context.Groups["column"].Value : null);
        var reason = $"{e.MessageText} [{e.SqlState}]{(e.Detail is { Length: > 0 } d ? $" {d}" : "")}";
        // The COPY line counts the batch's rows from 1.
        var row = context.Success && int.TryParse(context.Groups["line"].ValueSpan, out var line) ? line - 1 : -1;
        // At the commit of a whole load no row is known: the error names the table, as the server spells it if it does.
        return batch is null
            ? new EtlDataException(reason, e.TableName ?? table, null, column, e)
            : LoadRowError.For(table, batch, row, LoadRowError.IndexOf(names, column), column, reason, e);
    }

    [GeneratedRegex(@"^COPY [^,]+, line (?<line>\d+)(, column (?<column>[^:]+))?")]
    private static partial Regex CopyContext();
}
