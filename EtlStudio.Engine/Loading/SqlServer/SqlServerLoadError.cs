using System.Globalization;
using System.Text.RegularExpressions;

namespace EtlStudio.Engine.Loading.SqlServer;

/// <summary>Turns SQL Server's errors during a bulk copy into errors that say where (<see cref="LoadRowError"/>).</summary>
/// <remarks>What SQL Server can and cannot give: a value SqlBulkCopy cannot convert on the client (a string too long for
/// its column, a wrong type) fails while the reader is on that row, so the row — and its source record and value — is
/// known, and the message names the column ("for Column 2 [name]"). Errors the server raises (CHECK, foreign key,
/// NOT NULL, duplicate key, and "would be truncated") come for the streamed batch as a whole: the server says the column
/// (<c>column 'name'</c>, or <c>colid N</c>) but not the row, so the error names the batch's records — except a
/// truncation, whose "Truncated value" finds its row when exactly one value of the batch fits it.</remarks>
internal static partial class SqlServerLoadError
{
    /// <summary>A failure SqlBulkCopy raised on the client while converting the value of reader row <paramref name="readerRow"/>.</summary>
    public static EtlDataException FromBulkCopy(string table, InvalidOperationException e, RowBatch batch, int readerRow, IReadOnlyList<string> names)
    {
        var reason = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
        var match = ConvertFailure().Match(e.Message);
        if (!match.Success) return LoadRowError.InBatch(table, batch, null, reason, e);
        // "Row N" only comes with DataTable sources; with a reader the reader's position is the row being converted.
        var row = match.Groups["row"].Success ? int.Parse(match.Groups["row"].ValueSpan, CultureInfo.InvariantCulture) - 1 : readerRow;
        var column = LoadRowError.IndexOf(names, match.Groups["column"].Value);
        return LoadRowError.At(table, batch, row, column, column >= 0 ? names[column] : match.Groups["column"].Value, reason, e);
    }

    /// <summary>An error the server raised (<paramref name="message"/>, error <paramref name="number"/>) for
    /// <paramref name="batch"/>, or for the whole load at its commit when the batch is null.</summary>
    public static EtlDataException FromServer(string table, string message, int number, RowBatch? batch, IReadOnlyList<string> names, Exception inner)
    {
        var reason = $"{message} [{number}]";
        var column = ServerColumn(message, names);
        var columnName = column >= 0 ? names[column] : null;
        var row = batch is { } rows && column >= 0 && TruncatedValue().Match(message) is { Success: true } truncated
            ? OnlyRowStartingWith(rows, column, truncated.Groups["value"].Value)
            : -1;
        return LoadRowError.For(table, batch, row, column, columnName, reason, inner);
    }

    private static int ServerColumn(string message, IReadOnlyList<string> names)
    {
        if (ColumnName().Match(message) is { Success: true } named) return LoadRowError.IndexOf(names, named.Groups["column"].Value);
        // 4815 "Received an invalid column length from the bcp client for colid 2.": colid counts the bulk copy's columns from 1.
        return ColumnId().Match(message) is { Success: true } id && int.TryParse(id.Groups["id"].ValueSpan, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= names.Count
            ? n - 1
            : -1;
    }

    private static int OnlyRowStartingWith(RowBatch batch, int column, string prefix)
    {
        var found = -1;
        for (var r = 0; r < batch.Count; r++)
        {
            if (batch.Rows[r][column] is string s && s.Length > prefix.Length && s.StartsWith(prefix, StringComparison.Ordinal))
            {
                if (found >= 0) return -1;
                found = r;
            }
        }
        return found;
    }

    [GeneratedRegex(@"for Column \d+ \[(?<column>[^\]]*)\](?: Row (?<row>\d+))?")]
    private static partial Regex ConvertFailure();

    [GeneratedRegex(@"column '(?<column>(?:[^']|'')+)'")]
    private static partial Regex ColumnName();

    [GeneratedRegex(@"for colid (?<id>\d+)")]
    private static partial Regex ColumnId();

    [GeneratedRegex(@"Truncated value: '(?<value>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex TruncatedValue();
}
