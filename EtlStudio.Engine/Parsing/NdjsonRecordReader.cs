using System.Text.Json;

namespace EtlStudio.Engine.Parsing;

/// <summary>One JSON value per line. A line that is not valid JSON is a <see cref="IRecordReader.RecordError"/> for
/// that record alone (as is one with invalid UTF-8: the next line break resyncs); blank lines are passed over (but
/// counted in line numbers).</summary>
internal sealed class NdjsonRecordReader(Utf8ChunkBuffer buffer, string origin, int bomLength) : JsonRecordReader(buffer, origin, bomLength)
{
    private long _line;

    /// <summary>Reads <paramref name="utf8"/> (from <paramref name="bomLength"/>, its UTF-8 BOM's length) next, as the
    /// document <paramref name="origin"/>: one reader for the messages of a batch, bound once.</summary>
    public void Restart(byte[] utf8, int bomLength, string origin)
    {
        Restart(origin, bomLength);
        Buffer.Restart(utf8, bomLength);
        _line = 0;
    }

    public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        ClearRecord();
        while (true)
        {
            var data = Buffer.Data;
            var lf = data.IndexOf((byte)'\n');
            if (lf < 0 && !Buffer.IsFinal)
            {
                await Buffer.FillAsync(cancellationToken);
                continue;
            }
            if (lf < 0 && data.IsEmpty) return false;

            var length = lf < 0 ? data.Length : lf;
            var start = Buffer.Start;
            Buffer.Advance(lf < 0 ? data.Length : lf + 1);
            _line++;
            if (data[..length].Trim(" \t\r"u8).IsEmpty) continue;

            RecordNumber++;
            try
            {
                SetRecord(start, length, _line);
            }
            catch (JsonException e)
            {
                RecordError = $"invalid JSON on line {_line}, byte {e.BytePositionInLine + 1}: {e.Message}";
            }
            return true;
        }
    }
}
