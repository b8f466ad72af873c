using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;

namespace EtlStudio.Engine.Parsing.Parquet;

/// <summary>One Arrow value as the text the mapper converts, the way JSON values are read: numbers and booleans as
/// their invariant literal, decimals exactly with their scale, timestamps as ISO 8601 (a trailing <c>Z</c> when the
/// Parquet column is adjusted to UTC, none when it is local), dates as <c>yyyy-MM-dd</c>, times as <c>HH:mm:ss.fffffff</c>,
/// binary as base64, lists, maps and structs as JSON text.</summary>
internal static class ArrowValueText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A Parquet UUID (16 bytes, RFC 4122 big-endian order) as its canonical text; null for a null.</summary>
    public static string? Uuid(IArrowArray array, int index) =>
        array.IsNull(index) ? null : new Guid(((FixedSizeBinaryArray)array).GetBytes(index), bigEndian: true).ToString();

    /// <summary>The value at <paramref name="index"/>; null for a null.</summary>
    public static string? Format(IArrowArray array, int index)
    {
        if (array.IsNull(index)) return null;
        return array switch
        {
            StringArray a => a.GetString(index),
            LargeStringArray a => a.GetString(index),
            BooleanArray a => a.GetValue(index) == true ? "true" : "false",
            Int8Array a => a.GetValue(index)!.Value.ToString(Invariant),
            Int16Array a => a.GetValue(index)!.Value.ToString(Invariant),
            Int32Array a => a.GetValue(index)!.Value.ToString(Invariant),
            Int64Array a => a.GetValue(index)!.Value.ToString(Invariant),
            UInt8Array a => a.GetValue(index)!.Value.ToString(Invariant),
            UInt16Array a => a.GetValue(index)!.Value.ToString(Invariant),
            UInt32Array a => a.GetValue(index)!.Value.ToString(Invariant),
            UInt64Array a => a.GetValue(index)!.Value.ToString(Invariant),
            HalfFloatArray a => ((double)a.GetValue(index)!.Value).ToString("R", Invariant),
            FloatArray a => a.GetValue(index)!.Value.ToString("R", Invariant),
            DoubleArray a => a.GetValue(index)!.Value.ToString("R", Invariant),
            Decimal128Array a => a.GetString(index),
            Decimal256Array a => a.GetString(index),
            TimestampArray a => Timestamp(a, index),
            Date32Array a => a.GetDateOnly(index)!.Value.ToString("yyyy-MM-dd", Invariant),
            Date64Array a => a.GetDateOnly(index)!.Value.ToString("yyyy-MM-dd", Invariant),
            Time32Array a => a.GetTime(index)!.Value.ToString("HH:mm:ss.FFFFFFF", Invariant),
            Time64Array a => a.GetTime(index)!.Value.ToString("HH:mm:ss.FFFFFFF", Invariant),
            BinaryArray a => Convert.ToBase64String(a.GetBytes(index)),
            LargeBinaryArray a => Convert.ToBase64String(a.GetBytes(index)),
            FixedSizeBinaryArray a => Convert.ToBase64String(a.GetBytes(index)),
            NullArray => null,
            _ => ArrowJson.Write(array, index),
        };
    }

    private static string Timestamp(TimestampArray array, int index)
    {
        var value = array.GetTimestamp(index)!.Value.UtcDateTime;
        // Parquet's isAdjustedToUTC arrives as a time zone on the Arrow type ("UTC" from Parquet itself, an IANA
        // name when Arrow wrote one); a local (wall clock) timestamp has none.
        return ((TimestampType)array.Data.DataType).IsTimeZoneAware
            ? value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", Invariant)
            : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", Invariant);
    }
}
