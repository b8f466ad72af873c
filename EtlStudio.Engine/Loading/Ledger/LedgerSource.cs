using System.Security.Cryptography;
using System.Text;

namespace EtlStudio.Engine.Loading.Ledger;

/// <summary>How an origin is written in the ledger's <c>source</c> column: as it is, or, when longer than the column
/// allows (a long URL), its head and a hash of the whole, so two long origins never share a key.</summary>
public static class LedgerSource
{
    /// <summary>Longest source the ledger stores.</summary>
    public const int MaxLength = 300;

    /// <summary>The ledger key of <paramref name="origin"/>.</summary>
    public static string Key(string origin) => Key(origin, MaxLength);

    /// <summary><paramref name="text"/> as it is when it fits <paramref name="max"/> characters, else its head and a hash of
    /// the whole.</summary>
    public static string Key(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max) return text;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
        return $"{text[..(max - 33)]}~{hash}";
    }

    /// <summary>The ledger key of a Kafka partition (<c>topic[partition]</c>), whose receipts count offsets.</summary>
    public static string Partition(string topic, int partition) => Key($"{topic}[{partition}]");
}
