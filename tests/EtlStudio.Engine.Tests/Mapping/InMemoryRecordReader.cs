using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Tests.Mapping;

/// <summary>Records given as field→value dictionaries (a query source, or a single record to map).</summary>
internal sealed class InMemoryRecordReader(string origin, IReadOnlyList<string> fields, IEnumerable<IReadOnlyDictionary<string, string?>> records) : IRecordReader
{
    private readonly IEnumerator<IReadOnlyDictionary<string, string?>> _records = records.GetEnumerator();
    private readonly List<string> _bound = [];

    public static InMemoryRecordReader Single(params (string Field, string? Value)[] cells) =>
        new("test", [.. cells.Select(c => c.Field)], [cells.ToDictionary(c => c.Field, c => c.Value)]);

    public string Origin => origin;
    public long RecordNumber { get; private set; }
    public IReadOnlyList<string> Fields => fields;
    public string? RecordError { get; set; }

    public int Bind(string fieldPath)
    {
        _bound.Add(fieldPath);
        return _bound.Count - 1;
    }

    public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_records.MoveNext()) return ValueTask.FromResult(false);
        RecordNumber++;
        return ValueTask.FromResult(true);
    }

    public string? GetValue(int handle) => _records.Current.TryGetValue(_bound[handle], out var v) ? v : null;

    public ValueTask DisposeAsync()
    {
        _records.Dispose();
        return ValueTask.CompletedTask;
    }
}
