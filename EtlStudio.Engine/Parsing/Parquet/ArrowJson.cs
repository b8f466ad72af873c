using System.Buffers;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace EtlStudio.Engine.Parsing.Parquet;

/// <summary>Writes a nested Arrow value (list, map, struct) as JSON text, so a Parquet list reads like a JSON array
/// field: numbers and booleans as JSON literals, decimals exactly, everything else as a string in the form
/// <see cref="ArrowValueText"/> gives it; a map with text keys as an object.</summary>
internal static class ArrowJson
{
    // Text stays readable (ü, quotes as \"), as a JSON document's own text would be.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(IArrowArray array, int index)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteValue(writer, array, index);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteValue(Utf8JsonWriter writer, IArrowArray array, int index)
    {
        if (array.IsNull(index))
        {
            writer.WriteNullValue();
            return;
        }
        switch (array)
        {
            case MapArray map:
                WriteMap(writer, map, index);
                break;
            case ListArray list:
                WriteItems(writer, list.Values, list.ValueOffsets[index], list.GetValueLength(index));
                break;
            case LargeListArray list:
                WriteItems(writer, list.Values, checked((int)list.ValueOffsets[index]), list.GetValueLength(index));
                break;
            case FixedSizeListArray list:
                var size = ((FixedSizeListType)list.Data.DataType).ListSize;
                WriteItems(writer, list.Values, (index + list.Offset) * size, size);
                break;
            case StructArray record:
                writer.WriteStartObject();
                var fields = ((StructType)record.Data.DataType).Fields;
                for (var f = 0; f < fields.Count; f++)
                {
                    writer.WritePropertyName(fields[f].Name);
                    WriteValue(writer, record.Fields[f], index + record.Offset);
                }
                writer.WriteEndObject();
                break;
            case BooleanArray:
                writer.WriteBooleanValue(((BooleanArray)array).GetValue(index) == true);
                break;
            case Int8Array or Int16Array or Int32Array or Int64Array or UInt8Array or UInt16Array or UInt32Array or UInt64Array
                or Decimal128Array or Decimal256Array:
                writer.WriteRawValue(ArrowValueText.Format(array, index)!, skipInputValidation: true);
                break;
            case FloatArray or DoubleArray or HalfFloatArray:
                var text = ArrowValueText.Format(array, index)!;
                // NaN and infinities are not JSON numbers.
                if (double.IsFinite(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture))) writer.WriteRawValue(text, skipInputValidation: true);
                else writer.WriteStringValue(text);
                break;
            default:
                writer.WriteStringValue(ArrowValueText.Format(array, index));
                break;
        }
    }

    private static void WriteItems(Utf8JsonWriter writer, IArrowArray values, int offset, int length)
    {
        writer.WriteStartArray();
        for (var i = 0; i < length; i++) WriteValue(writer, values, offset + i);
        writer.WriteEndArray();
    }

    private static void WriteMap(Utf8JsonWriter writer, MapArray map, int index)
    {
        var offset = map.ValueOffsets[index];
        var length = map.GetValueLength(index);
        var keys = map.Keys;
        var values = map.Values;
        if (keys is not StringArray names)
        {
            // Keys that are not text become [{"key": …, "value": …}] entries.
            WriteItems(writer, map.KeyValues, offset, length);
            return;
        }
        writer.WriteStartObject();
        for (var i = 0; i < length; i++)
        {
            writer.WritePropertyName(names.GetString(offset + i));
            WriteValue(writer, values, offset + i);
        }
        writer.WriteEndObject();
    }
}
