namespace EtlStudio.Engine.Parsing;

/// <summary>Forward-only reader over the records of one document (file, HTTP page, message) or one query result.</summary>
/// <remarks>Values are read as text: JSON numbers and booleans as their literal, JSON objects/arrays as raw JSON, XML
/// elements with child elements as their inner XML, a missing field as null. The mapper converts text to the target
/// type, so every source converts the same way.</remarks>
public interface IRecordReader : IAsyncDisposable
{
    /// <summary>File name, URL or message origin of the records, for messages and rejects.</summary>
    string Origin { get; }

    /// <summary>1-based number of the current record within <see cref="Origin"/>
    /// (CSV: data row, header excluded; JSON/XML: record index).</summary>
    long RecordNumber { get; }

    /// <summary>Fields seen so far: CSV header, JSON keys (flattened with dots), XML child paths, query columns.
    /// Complete for CSV and queries after the first <see cref="ReadAsync"/>; grows for JSON/XML.</summary>
    IReadOnlyList<string> Fields { get; }

    /// <summary>Resolves a field name or path once, before or after the first read; the handle is used with
    /// <see cref="GetValue"/>. Paths that do not exist are allowed and read as null; a negative handle says the reader
    /// already knows the field cannot exist (a CSV header without it).</summary>
    int Bind(string fieldPath);

    /// <summary>Advances to the next record. Throws <see cref="EtlDataException"/> for a document that cannot be
    /// parsed any further (with origin, record and position).</summary>
    ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Value of a bound field in the current record; null when missing.</summary>
    string? GetValue(int handle);

    /// <summary>Whether the current record has the bound field at all, even with a null or empty value (a JSON
    /// <c>null</c>, an empty XML element, an empty CSV field), so a run can tell a field that the input never has from
    /// one that is merely empty. By default: the value is not null.</summary>
    bool HasField(int handle) => GetValue(handle) is not null;

    /// <summary>Whether the bound field of the current record is a quoted empty string (<c>""</c>, or only white space
    /// between the quotes) that the parse definition keeps as an empty string rather than null
    /// (<see cref="Definitions.ParseDefinition.EmptyQuotedAsEmptyString"/>). False by default.</summary>
    bool IsQuotedEmpty(int handle) => false;

    /// <summary>The UTF-8 bytes of a bound field of the current record, when the reader holds them without decoding
    /// (CSV); valid until the next read. False when the reader has no such bytes or the field is missing: then use
    /// <see cref="GetValue"/>. Lets the mapper convert numbers and dates without allocating a string per cell.</summary>
    bool TryGetUtf8(int handle, out ReadOnlySpan<byte> value)
    {
        value = default;
        return false;
    }

    /// <summary>A problem with the current record alone (e.g. wrong field count, bad JSON line) that makes it a
    /// rejected row rather than failing the document; null when the record is sound.</summary>
    string? RecordError { get; }

    /// <summary>The field <see cref="RecordError"/> is about, as "field N" (1-based), when the reader knows it (a stray
    /// quote in a CSV field); null when the error is about the record as a whole.</summary>
    string? RecordErrorField => null;

    /// <summary>The current record as it appears in the source, cut to <paramref name="maxChars"/> characters (a cut one
    /// ends with "…"), so a rejected record shows what was wrong with it; null when the reader cannot say. Only asked
    /// for a record with a <see cref="RecordError"/>, so it may allocate.</summary>
    string? RecordText(int maxChars) => null;
}
