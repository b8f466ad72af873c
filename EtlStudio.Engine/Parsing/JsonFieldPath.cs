using System.Globalization;
using System.Text.Json;

namespace EtlStudio.Engine.Parsing;

/// <summary>A dotted field path into a JSON record (<c>customer.address.city</c>, <c>items.0.sku</c>).</summary>
internal sealed class JsonFieldPath(string path)
{
    private readonly string[] _segments = path.Split('.');

    public string? Evaluate(JsonElement record) => TryFind(record, out var e) ? Text(e) : null;

    /// <summary>Whether the record has the path, even with a null value.</summary>
    public bool Exists(JsonElement record) => TryFind(record, out _);

    /// <summary>The element at the path, when the record has it.</summary>
    public bool TryFind(JsonElement record, out JsonElement e)
    {
        e = record;
        foreach (var segment in _segments)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (!e.TryGetProperty(segment, out e)) return false;
            }
            else if (e.ValueKind == JsonValueKind.Array
                     && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < e.GetArrayLength())
            {
                e = e[i];
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Strings unescaped; numbers and booleans as their literal; objects and arrays as raw JSON.</summary>
    public static string? Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => Unescaped(e),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => e.GetRawText(),
    };

    private static string Unescaped(JsonElement e)
    {
        try
        {
            return e.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") has no .NET string form: keep the literal, escapes and all, so the
            // cell still converts (or rejects) instead of failing the whole document.
            return e.GetRawText();
        }
    }
}
