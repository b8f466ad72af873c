namespace EtlStudio.Engine.Mapping;

/// <summary>The trimming of <see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/> on UTF-8 bytes, where it can be
/// done without decoding.</summary>
internal static class Utf8Text
{
    /// <summary><paramref name="utf8"/> without its leading and trailing white space when <paramref name="trim"/>;
    /// empty when an end is not ASCII after trimming (it might be white space beyond ASCII, such as a no-break space, that
    /// only decoding can tell), so the caller decodes instead.</summary>
    public static ReadOnlySpan<byte> Trimmed(ReadOnlySpan<byte> utf8, bool trim)
    {
        if (!trim) return utf8;
        var start = 0;
        var end = utf8.Length;
        while (start < end && utf8[start] < 0x80 && char.IsWhiteSpace((char)utf8[start])) start++;
        while (end > start && utf8[end - 1] < 0x80 && char.IsWhiteSpace((char)utf8[end - 1])) end--;
        if (start == end || utf8[start] >= 0x80 || utf8[end - 1] >= 0x80) return default;
        return utf8[start..end];
    }
}
