using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace EtlStudio.Engine.Parsing;

/// <summary>Finds invalid UTF-8, so readers can say where it is instead of letting a decoder replace it with U+FFFD.</summary>
internal static class Utf8Check
{
    /// <summary>Index of the first byte of the first invalid (or truncated) sequence; -1 when all of it is valid.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8)) return -1;
        var i = 0;
        while (i < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[i..], out _, out var length) != OperationStatus.Done) return i;
            i += length;
        }
        return -1;
    }

    /// <summary>How many bytes at the end start a multi-byte sequence that the next chunk may complete (0 to 3).</summary>
    public static int IncompleteTail(ReadOnlySpan<byte> utf8)
    {
        for (var i = 1; i <= Math.Min(3, utf8.Length); i++)
        {
            var b = utf8[^i];
            if ((b & 0xC0) == 0x80) continue;
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > i ? i : 0;
        }
        return 0;
    }
}
