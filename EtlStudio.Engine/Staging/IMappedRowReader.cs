using EtlStudio.Engine.Loading;

namespace EtlStudio.Engine.Staging;

/// <summary>Reads staged mapped rows back into the typed values they were staged with.</summary>
internal interface IMappedRowReader : IAsyncDisposable
{
    /// <summary>The columns the rows were staged with.</summary>
    IReadOnlyList<TargetColumn> Columns { get; }

    /// <summary>Whether rows carry their source and record (NDJSON staged before positions existed does not).</summary>
    bool HasPositions { get; }

    /// <summary>Source of the row last read (staged with positions), or null.</summary>
    string? Origin { get; }

    /// <summary>Record number of the row last read in <see cref="Origin"/> (staged with positions).</summary>
    long Record { get; }

    /// <summary>Reads the next row into <paramref name="row"/>; false at the end.</summary>
    ValueTask<bool> ReadAsync(object?[] row, CancellationToken cancellationToken);
}
