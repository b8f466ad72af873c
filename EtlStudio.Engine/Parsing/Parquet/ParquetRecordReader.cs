using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using ParquetSharp;
using ArrowFileReader = ParquetSharp.Arrow.FileReader;

namespace EtlStudio.Engine.Parsing.Parquet;

/// <summary>Reads a Parquet file row group by row group through ParquetSharp (Apache Arrow C++), so memory is bounded
/// by one row group's decoded batch. Fields are the schema's columns, with struct children as dotted paths
/// (<c>address.city</c>) like JSON fields; values are text as <see cref="ArrowValueText"/> describes.</summary>
internal sealed class ParquetRecordReader : IRecordReader
{
    private const int BatchRows = 8192;
    private readonly ParquetLocalFile _file;
    private readonly Stream _content;
    private readonly ArrowFileReader _reader;
    private readonly int _rowGroups;
    private readonly List<ParquetFieldPath?> _paths = [];
    private readonly List<string> _fields = [];
    private readonly HashSet<string> _uuidColumns = new(StringComparer.Ordinal);
    private int _nextRowGroup;
    private IArrowArrayStream? _batches;
    private RecordBatch? _batch;
    private int _row;

    private ParquetRecordReader(ParquetLocalFile file, ArrowFileReader reader, Sources.SourceDocument document, int rowGroupLimit)
    {
        _file = file;
        _reader = reader;
        // Kept open until the reader is disposed: the pipeline drains its counting stream after the last record.
        _content = document.Content;
        Origin = document.Name;
        _rowGroups = Math.Min(reader.NumRowGroups, rowGroupLimit);
        Collect(reader.Schema.FieldsList, "");
        var schema = reader.ParquetReader.FileMetaData.Schema;
        for (var c = 0; c < schema.NumColumns; c++)
        {
            var column = schema.Column(c);
            using var logical = column.LogicalType;
            if (logical is UuidLogicalType) _uuidColumns.Add(column.Path.ToDotString());
        }
    }

    /// <summary>Opens <paramref name="document"/> as Parquet, reading its footer (schema and row groups).</summary>
    /// <param name="document">The document; the reader owns its stream.</param>
    /// <param name="rowGroupLimit">Row groups to read at most (1 for a preview).</param>
    /// <param name="cancellationToken">Cancels the copy of a stream that is not a local file.</param>
    /// <exception cref="EtlDataException">The document is not a readable Parquet file.</exception>
    public static async ValueTask<IRecordReader> OpenAsync(Sources.SourceDocument document, int rowGroupLimit, CancellationToken cancellationToken)
    {
        ParquetLocalFile? file = null;
        try
        {
            file = await ParquetLocalFile.OpenAsync(document.Content, cancellationToken);
            var properties = ParquetSharp.Arrow.ArrowReaderProperties.GetDefault();
            // INT96 (legacy Spark/Impala) timestamps keep microseconds and stay in range beyond the nanosecond era.
            properties.CoerceInt96TimestampUnit = Apache.Arrow.Types.TimeUnit.Microsecond;
            // Batches well under a row group keep the decoded strings of one batch small (Arrow's default is 64Ki rows).
            properties.BatchSize = BatchRows;
            // A page whose CRC does not match fails instead of loading flipped bytes (pages written without a CRC
            // can only fail when they do not decode).
            using var parquetProperties = ReaderProperties.GetDefaultReaderProperties();
            parquetProperties.EnablePageChecksumVerification();
            var reader = new ArrowFileReader(file.Path, parquetProperties, properties);
            return new ParquetRecordReader(file, reader, document, rowGroupLimit);
        }
        catch (ParquetException e)
        {
            file?.Dispose();
            await document.Content.DisposeAsync();
            throw new EtlDataException($"not a readable Parquet file: {e.Message}", document.Name, inner: e);
        }
        catch
        {
            file?.Dispose();
            await document.Content.DisposeAsync();
            throw;
        }
    }

    public string Origin { get; }
    public long RecordNumber { get; private set; }
    public IReadOnlyList<string> Fields => _fields;
    public string? RecordError => null;

    public int Bind(string fieldPath)
    {
        var path = ParquetFieldPath.Resolve(_reader.Schema, fieldPath);
        if (path is null) return -1;
        if (_uuidColumns.Contains(fieldPath)) path = new ParquetFieldPath(path) { IsUuid = true };
        _paths.Add(path);
        return _paths.Count - 1;
    }

    public string? GetValue(int handle)
    {
        if (_batch is null || (uint)handle >= (uint)_paths.Count) return null;
        return _paths[handle]!.Locate(_batch, _row) is var (array, index) ? (_paths[handle]!.IsUuid ? ArrowValueText.Uuid(array, index) : ArrowValueText.Format(array, index)) : null;
    }

    public bool HasField(int handle) => _batch is not null && (uint)handle < (uint)_paths.Count;

    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_batch is not null && ++_row < _batch.Length)
            {
                RecordNumber++;
                return true;
            }
            _batch?.Dispose();
            _batch = null;
            if (_batches is not null)
            {
                _batch = await GuardAsync(() => _batches.ReadNextRecordBatchAsync(cancellationToken), _nextRowGroup - 1);
                _row = -1;
                if (_batch is not null) continue;
                _batches.Dispose();
                _batches = null;
            }
            if (_nextRowGroup >= _rowGroups) return false;
            var group = _nextRowGroup++;
            _batches = await GuardAsync(() => ValueTask.FromResult(_reader.GetRecordBatchReader([group])), group);
        }
    }

    private async ValueTask<T> GuardAsync<T>(Func<ValueTask<T>> read, int rowGroup)
    {
        try
        {
            return await read();
        }
        // Arrow's C stream interface reports a decoding failure of the C++ reader as a plain exception with its message.
        catch (Exception e) when (e is not OperationCanceledException and not EtlDataException)
        {
            // A corrupt page or a cut file: the run stops here and its transaction rolls back, nothing half-loaded.
            throw new EtlDataException($"row group {rowGroup + 1} of {_reader.NumRowGroups} cannot be read: {e.Message}", Origin, RecordNumber + 1, inner: e);
        }
    }

    private void Collect(IReadOnlyList<Field> fields, string prefix)
    {
        foreach (var field in fields)
        {
            var name = prefix + field.Name;
            _fields.Add(name);
            if (field.DataType is StructType record) Collect(record.Fields, name + ".");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _batch?.Dispose();
        _batches?.Dispose();
        _reader.Dispose();
        _file.Dispose();
        await _content.DisposeAsync();
    }
}
