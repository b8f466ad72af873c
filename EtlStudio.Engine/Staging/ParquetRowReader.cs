using System.Globalization;
using System.Text.Json;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Parsing.Parquet;
using ParquetSharp;

namespace EtlStudio.Engine.Staging;

/// <summary>Reads <c>mapped.parquet</c> (<see cref="ParquetSlots"/>) back into the typed values it was staged with,
/// one row group at a time. A file without footer (its writer was killed) or without the row count a completed writer
/// sets is refused as incomplete, naming the artifact.</summary>
internal sealed class ParquetRowReader : IMappedRowReader
{
    private readonly ParquetLocalFile _file;
    private readonly ParquetFileReader _reader;
    private readonly string _origin;
    private readonly ParquetSlot[] _slots;
    private int _rowGroup = -1;
    private int _groupRows;
    private int _row;

    private ParquetRowReader(ParquetLocalFile file, ParquetFileReader reader, string origin, IReadOnlyList<TargetColumn> columns)
    {
        _file = file;
        _reader = reader;
        _origin = origin;
        Columns = columns;
        _slots = [.. columns.Select(c => ParquetSlots.For(c, 0)), ParquetSlots.Origin(0), ParquetSlots.Record(0)];
    }

    public IReadOnlyList<TargetColumn> Columns { get; }

    public bool HasPositions => true;

    public string? Origin { get; private set; }

    public long Record { get; private set; }

    /// <summary>Opens a staged Parquet artifact; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="EtlDataException">Not Parquet, truncated, or not completed by its writer.</exception>
    public static async Task<ParquetRowReader> OpenAsync(Stream stream, string origin, CancellationToken cancellationToken)
    {
        ParquetLocalFile? file = null;
        ParquetFileReader? reader = null;
        try
        {
            await using (stream)
            {
                file = await ParquetLocalFile.OpenAsync(stream, cancellationToken);
            }
            reader = Open(file.Path, origin);
            var metadata = reader.FileMetaData.KeyValueMetadata;
            if (!metadata.TryGetValue(ParquetSlots.HeaderKey, out var header))
            {
                throw new EtlDataException("the staged Parquet file has no column header: it was not staged by EtlStudio", origin);
            }
            if (!metadata.TryGetValue(ParquetSlots.RowsKey, out var rows) || long.Parse(rows, CultureInfo.InvariantCulture) != reader.FileMetaData.NumRows)
            {
                throw new EtlDataException("the staged mapped output is incomplete: the run that wrote it did not finish mapping", origin);
            }
            using var doc = JsonDocument.Parse(header);
            var result = new ParquetRowReader(file, reader, origin, MappedRowFormat.ReadHeader(doc.RootElement));
            var expected = result._slots.Sum(s => s.Columns.Length);
            if (reader.FileMetaData.NumColumns != expected)
            {
                throw new EtlDataException($"the staged Parquet file has {reader.FileMetaData.NumColumns} columns, its header describes {expected}", origin);
            }
            return result;
        }
        catch
        {
            reader?.Dispose();
            file?.Dispose();
            throw;
        }
    }

    private static ParquetFileReader Open(string path, string origin)
    {
        Span<byte> magic = stackalloc byte[4];
        using (var head = File.OpenRead(path))
        {
            if (head.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("PAR1"u8))
            {
                throw new EtlDataException("the staged mapped output is not a Parquet file (no PAR1 magic)", origin);
            }
        }
        try
        {
            using var properties = ReaderProperties.WithMemoryPool(MemoryPool.SystemMemoryPool());
            return new ParquetFileReader(path, properties);
        }
        catch (ParquetException e)
        {
            // A writer killed mid-file leaves row groups without footer: nothing in it can be trusted.
            throw new EtlDataException($"the staged mapped output is incomplete (no Parquet footer: its writer did not finish): {e.Message}", origin, inner: e);
        }
    }

    public ValueTask<bool> ReadAsync(object?[] row, CancellationToken cancellationToken)
    {
        while (_row >= _groupRows)
        {
            if (_rowGroup + 1 >= _reader.FileMetaData.NumRowGroups) return ValueTask.FromResult(false);
            cancellationToken.ThrowIfCancellationRequested();
            ReadRowGroup(++_rowGroup);
        }
        var last = _slots.Length - 2;
        for (var c = 0; c < last; c++) row[c] = _slots[c].Get(_row);
        Origin = (string?)_slots[last].Get(_row);
        Record = (long)_slots[last + 1].Get(_row)!;
        _row++;
        return ValueTask.FromResult(true);
    }

    private void ReadRowGroup(int index)
    {
        try
        {
            using var rowGroup = _reader.RowGroup(index);
            var rows = checked((int)rowGroup.MetaData.NumRows);
            var column = 0;
            foreach (var slot in _slots)
            {
                slot.Read(rowGroup, column, rows);
                column += slot.Columns.Length;
            }
            _groupRows = rows;
            _row = 0;
        }
        catch (Exception e) when (e is ParquetException or InvalidDataException or OverflowException)
        {
            throw new EtlDataException($"staged row group {index} is damaged: {e.Message}", _origin, inner: e);
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _file.Dispose();
        return ValueTask.CompletedTask;
    }
}
