namespace EtlStudio.Engine;

/// <summary>Bad data or a bad request that retrying will not fix. The message names where:
/// origin (file/URL/message), record, column and value as far as they are known.</summary>
public class EtlDataException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> already names the place.</summary>
    public EtlDataException(string message, Exception? inner = null) : base(message, inner) => Reason = message;

    /// <summary>Creates the exception with its location parts and, when known, the offending value as text.</summary>
    public EtlDataException(string reason, string? origin, long? record = null, string? column = null, Exception? inner = null, string? value = null)
        : base(Describe(reason, origin, record, column, value), inner)
    {
        Reason = reason;
        Origin = origin;
        Record = record;
        Column = column;
        Value = value;
    }

    /// <summary>What is wrong, without the location (the message adds it).</summary>
    public string Reason { get; }
    /// <summary>File, URL or message origin.</summary>
    public string? Origin { get; }
    /// <summary>1-based record number.</summary>
    public long? Record { get; }
    /// <summary>Column or field.</summary>
    public string? Column { get; }
    /// <summary>The offending value as text (whole, as given; the message shows it shortened).</summary>
    public string? Value { get; }

    /// <summary>Longest value a message shows; longer ones are cut and end with "…".</summary>
    public const int MaxValueChars = 50;

    /// <summary>Formats "origin, record N, column 'C', value 'V': reason" — the one way every stage says where. The
    /// value is cut to <see cref="MaxValueChars"/> and control characters are shown escaped (<c>\u0000</c>).</summary>
    public static string Describe(string reason, string? origin, long? record, string? column, string? value = null)
    {
        var where = new List<string>(4);
        if (!string.IsNullOrEmpty(origin)) where.Add(origin);
        if (record is not null) where.Add($"record {record}");
        if (!string.IsNullOrEmpty(column)) where.Add($"column '{column}'");
        if (value is not null) where.Add($"value '{Shorten(value)}'");
        return where.Count == 0 ? reason : $"{string.Join(", ", where)}: {reason}";
    }

    /// <summary>The value as <see cref="Describe"/> shows it: cut to <see cref="MaxValueChars"/>, control characters escaped.</summary>
    internal static string Shorten(string value)
    {
        var cut = value.Length > MaxValueChars;
        var text = cut ? value[..MaxValueChars] : value;
        if (text.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0)
        {
            var escaped = new System.Text.StringBuilder(text.Length + 8);
            foreach (var ch in text)
            {
                if (char.IsControl(ch)) escaped.Append("\\u").Append(((int)ch).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                else escaped.Append(ch);
            }
            text = escaped.ToString();
        }
        return cut ? text + "…" : text;
    }
}
