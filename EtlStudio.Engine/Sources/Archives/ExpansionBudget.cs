using System.Globalization;

namespace EtlStudio.Engine.Sources.Archives;

/// <summary>What one compressed file (a gzip file or a whole zip archive) may still expand to under
/// <see cref="ArchiveLimits"/>; each document read from it charges its output here.</summary>
internal sealed class ExpansionBudget(ArchiveLimits limits, string file)
{
    private long _total;

    public ArchiveLimits Limits => limits;

    /// <summary>Charges <paramref name="bytes"/> more output of document <paramref name="name"/>, which has produced
    /// <paramref name="output"/> bytes (these included) from <paramref name="compressed"/> compressed bytes.</summary>
    public void Charge(string name, long bytes, long output, long compressed)
    {
        _total += bytes;
        if (_total > limits.MaxUncompressedBytes)
        {
            throw new EtlDataException(
                $"decompresses to more than {Size(limits.MaxUncompressedBytes)} (Archives:MaxUncompressedBytes); refused as a possible zip bomb",
                file == name ? name : $"{name} (in {file})");
        }
        CheckRatio(name, output, compressed);
    }

    /// <summary>Fails when <paramref name="output"/> bytes from <paramref name="compressed"/> is past the ratio limit.</summary>
    public void CheckRatio(string name, long output, long compressed)
    {
        if (output > limits.RatioFreeBytes && output > limits.MaxExpansionRatio * Math.Max(compressed, 1))
        {
            throw new EtlDataException(
                $"expands more than {limits.MaxExpansionRatio.ToString(CultureInfo.InvariantCulture)}:1 ({Size(output)} from {Size(compressed)} compressed; Archives:MaxExpansionRatio); refused as a possible zip bomb",
                name);
        }
    }

    private static string Size(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
