using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Mapping.Expressions;

/// <summary>What a compiled expression reads while one row is mapped: the row buffer (mapped columns so far), the
/// reader's current record (source fields through handles bound once per document), the run values and the run's
/// lookups. One per bound reader; the compiled delegates take it as their only argument.</summary>
internal sealed class ExpressionRow(IRecordReader reader, int[] handles, ExpressionProgram program)
{
    /// <summary>The row being mapped; set before each row.</summary>
    public object?[] Row = [];

    /// <summary>The run values; set before each row.</summary>
    public RunValues Run;

    /// <summary>The last lookup of the current column that found no entry ("lookup 'countries' has no entry for key 'XX'"),
    /// so a required column can say why it is empty.</summary>
    public string? LookupMiss;

    /// <summary>The raw text of source field <paramref name="index"/> of <see cref="ExpressionProgram.SourceFields"/>;
    /// null when missing or empty.</summary>
    public string? Field(int index)
    {
        var handle = handles[index];
        var value = handle < 0 ? null : reader.GetValue(handle);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public string SourceName => reader.Origin;

    public long RowNumber => reader.RecordNumber;

    /// <summary>The lookup entry's field for <paramref name="key"/>, null when there is none.</summary>
    public string? Lookup(int slot, string? key)
    {
        var binding = program.Lookups[slot];
        if (binding.Reader is not { } read)
        {
            throw new InvalidOperationException($"lookup '{binding.Lookup}' is not loaded for this run");
        }
        if (key is not null && read(key, out var value)) return value;
        LookupMiss = key is null ? $"lookup '{binding.Lookup}' was given no key" : $"lookup '{binding.Lookup}' has no entry for key '{key}'";
        return null;
    }
}
