using System.IO.Compression;
using EtlStudio.Engine.Parsing;

namespace EtlStudio.Engine.Sources.Archives;

/// <summary>The decompressed bytes of one zip entry, charged to its archive's <see cref="ExpansionBudget"/> and checked
/// against the size the archive declares, so a corrupt entry never ends early without a word.</summary>
internal sealed class ZipEntryStream(Stream entry, string name, long declaredLength, long compressedLength, ExpansionBudget budget)
    : ForwardReadStream(entry)
{
    private long _output;

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Count(Inner.Read(buffer), buffer.Length);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await Inner.ReadAsync(buffer, cancellationToken), buffer.Length);
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(e);
        }
    }

    private int Count(int n, int requested)
    {
        if (n == 0 && requested > 0 && _output != declaredLength)
        {
            throw new EtlDataException($"the entry ends after {_output:N0} bytes but the archive declares {declaredLength:N0}: the archive is corrupt", name);
        }
        _output += n;
        budget.Charge(name, n, _output, compressedLength);
        return n;
    }

    private EtlDataException Corrupt(InvalidDataException e) =>
        new($"the entry's compressed data is corrupt after {_output:N0} decompressed bytes ({e.Message})", name, inner: e);
}
