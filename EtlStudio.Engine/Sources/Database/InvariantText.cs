using System.Globalization;
using System.Numerics;

namespace EtlStudio.Engine.Sources.Database;

/// <summary>Column values as the invariant text the mapper converts back exactly.</summary>
/// <remarks>Numbers with the invariant culture (doubles shortest round-trip), date/times ISO 8601 round-trip ("O"),
/// dates <c>yyyy-MM-dd</c>, booleans <c>true</c>/<c>false</c>, bytes base64, GUIDs "D".</remarks>
internal static class InvariantText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Format(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        DateTime dt => dt.ToString("O", Inv),
        DateTimeOffset dto => dto.ToString("O", Inv),
        DateOnly d => d.ToString("yyyy-MM-dd", Inv),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", Inv),
        TimeSpan ts => ts.ToString("c", Inv),
        byte[] bytes => Convert.ToBase64String(bytes),
        Guid g => g.ToString("D"),
        char c => c.ToString(),
        double d => d.ToString("R", Inv),
        float f => f.ToString("R", Inv),
        BigInteger i => i.ToString(Inv),
        IFormattable formattable => formattable.ToString(null, Inv),
        _ => value.ToString() ?? "",
    };

    /// <summary>SQLite stores values in few storage classes: booleans as integers, GUIDs as upper-case text or
    /// 16-byte blobs. The declared column type says what they were.</summary>
    public static string FormatSqlite(object value, string declaredType)
    {
        var declared = declaredType.ToUpperInvariant();
        var isGuid = declared.Contains("GUID", StringComparison.Ordinal) || declared.Contains("UUID", StringComparison.Ordinal)
            || declared.Contains("UNIQUEIDENTIFIER", StringComparison.Ordinal);
        return value switch
        {
            long l when declared.Contains("BOOL", StringComparison.Ordinal) => l != 0 ? "true" : "false",
            byte[] { Length: 16 } b when isGuid => new Guid(b).ToString("D"),
            string s when isGuid && Guid.TryParse(s, out var g) => g.ToString("D"),
            _ => Format(value),
        };
    }
}
