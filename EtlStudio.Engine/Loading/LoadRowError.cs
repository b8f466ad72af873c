using System.Globalization;

namespace EtlStudio.Engine.Loading;

/// <summary>The one way loaders say where a bad row came from, read like a rejected row: the row's source origin and
/// record (carried by the <see cref="RowBatch"/>), the column and the value, then the reason and the table. A batch
/// without sources (rows not read from a source) is named by its batch row instead.</summary>
internal static class LoadRowError
{
    /// <summary>An error about row <paramref name="row"/> (0-based) of the batch; <paramref name="column"/> is the
    /// value's index in the row, or -1 when the error is about the row as a whole.</summary>
    /// <remarks>An error found by the loader itself (a value it cannot convert, a null key): a <see cref="LoadRowException"/>,
    /// so the row becomes a reject. A database's error goes through <see cref="For"/>, and the session decides from the
    /// provider's error code whether it is about the rows.</remarks>
    public static EtlDataException At(string table, RowBatch batch, int row, int column, string? columnName, string reason, Exception? inner = null) =>
        Build(table, batch, row, column, columnName, reason, inner, rowError: true);

    private static EtlDataException Build(string table, RowBatch batch, int row, int column, string? columnName, string reason, Exception? inner, bool rowError)
    {
        var value = column >= 0 && (uint)row < (uint)batch.Count && column < batch.Rows[row].Length ? Text(batch.Rows[row][column]) : null;
        var (origin, record) = batch.SourceOf(row);
        var (text, where, at) = origin is null ? ($"batch row {row + 1}: {reason}", table, (long?)null) : ($"{reason} (table '{table}')", origin, record);
        return rowError ? new LoadRowException(text, where, at, columnName, inner, value) : new EtlDataException(text, where, at, columnName, inner, value);
    }

    /// <summary>An error the database raised while writing <paramref name="batch"/> (null: at the commit of a whole
    /// load) about row <paramref name="row"/>, or -1 when it did not say which row.</summary>
    public static EtlDataException For(string table, RowBatch? batch, int row, int column, string? columnName, string reason, Exception inner) => batch switch
    {
        null => new EtlDataException(reason, table, null, columnName, inner),
        { } rows when row >= 0 && row < rows.Count => Build(table, rows, row, column, columnName, reason, inner, rowError: false),
        { } rows => InBatch(table, rows, columnName, reason, inner),
    };

    /// <summary>An error the database raised for the batch without saying which row (a constraint checked on a
    /// streamed batch): names the records the batch holds.</summary>
    public static EtlDataException InBatch(string table, RowBatch batch, string? columnName, string reason, Exception? inner = null)
    {
        var (first, from) = batch.SourceOf(0);
        var (last, to) = batch.SourceOf(batch.Count - 1);
        if (first is null) return new EtlDataException($"a row of the batch of {batch.Count}: {reason}", table, null, columnName, inner);
        var rows = string.Equals(first, last, StringComparison.Ordinal)
            ? $"one of records {from} to {to}"
            : $"one of the rows from record {from} to {last}, record {to}";
        return new EtlDataException($"{rows}: {reason} (table '{table}'; the database does not say which row)", first, null, columnName, inner);
    }

    /// <summary>Index of the column named <paramref name="name"/> (as the database spells it, so case-insensitive
    /// when no exact match), or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> names, string? name)
    {
        if (name is null) return -1;
        var loose = -1;
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal)) return i;
            if (loose < 0 && string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) loose = i;
        }
        return loose;
    }

    /// <summary>A mapped value as the user would recognise it in the source: invariant numbers, ISO dates.</summary>
    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
