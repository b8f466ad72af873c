namespace EtlStudio.Engine.Parsing;

/// <summary>Thrown by <see cref="Utf8CheckedStream"/> through the decoder and parser above it; the reader that knows the
/// origin and record turns it into an <see cref="EtlDataException"/>.</summary>
internal sealed class InvalidUtf8Exception(long offset, long line, long column)
    : IOException($"invalid UTF-8 at byte {offset} (line {line}, byte {column} of the line)")
{
    /// <summary>Offset of the first bad byte in the file (BOM counted).</summary>
    public long Offset { get; } = offset;
    /// <summary>1-based line of the bad byte.</summary>
    public long Line { get; } = line;
    /// <summary>1-based byte of the line.</summary>
    public long Column { get; } = column;
}
