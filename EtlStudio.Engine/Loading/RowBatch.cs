using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading;

/// <summary>A batch of mapped rows: <c>Rows[i][c]</c> is column c of <see cref="TargetColumn"/> order,
/// typed as the column's <see cref="ColumnType"/> says (string, int, long, decimal, double, bool, DateOnly, DateTime,
/// DateTimeOffset, Guid, string for JSON) or null.</summary>
/// <param name="Rows">Row buffer; only the first <paramref name="Count"/> entries are rows of this batch.</param>
/// <param name="Count">Rows in this batch.</param>
/// <param name="Origins">Where each row came from (file, URL, message origin: the reader's own string, shared by its
/// rows), parallel to <paramref name="Rows"/>; null when the rows have no source (then errors name the batch row).</param>
/// <param name="Records">1-based record number of each row within its origin, parallel to <paramref name="Rows"/>.</param>
public readonly record struct RowBatch(object?[][] Rows, int Count, string?[]? Origins = null, long[]? Records = null)
{
    /// <summary>Origin and record number of row <paramref name="row"/> (0-based), or nulls when the batch does not carry them.</summary>
    public (string? Origin, long? Record) SourceOf(int row) =>
        Origins is { } origins && Records is { } records && (uint)row < (uint)Count && origins[row] is { } origin
            ? (origin, records[row])
            : (null, null);
}
