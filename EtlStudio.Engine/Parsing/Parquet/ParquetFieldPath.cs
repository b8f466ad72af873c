using Apache.Arrow;
using Apache.Arrow.Types;

namespace EtlStudio.Engine.Parsing.Parquet;

/// <summary>A field path resolved against a Parquet file's schema once: the top-level column, then the child of each
/// struct on the way (<c>address.city</c>).</summary>
internal sealed class ParquetFieldPath(int[] steps)
{
    /// <summary>The field is a Parquet UUID column (Arrow reads it as 16 plain bytes).</summary>
    public bool IsUuid { get; init; }

    /// <summary>A copy of <paramref name="other"/>'s steps.</summary>
    public ParquetFieldPath(ParquetFieldPath other) : this(other.Steps) { }

    private int[] Steps { get; } = steps;

    /// <summary>Resolves a dotted path; null when the schema has no such field. A field whose own name holds a dot
    /// wins over a struct child of the same spelling.</summary>
    public static ParquetFieldPath? Resolve(Schema schema, string path)
    {
        var steps = new List<int>();
        IReadOnlyList<Field> fields = schema.FieldsList;
        var rest = path;
        while (true)
        {
            var exact = IndexOf(fields, rest);
            if (exact >= 0)
            {
                steps.Add(exact);
                return new ParquetFieldPath([.. steps]);
            }
            var next = -1;
            for (var i = 0; i < fields.Count; i++)
            {
                if (fields[i].DataType is StructType && rest.StartsWith(fields[i].Name + ".", StringComparison.Ordinal)
                    && (next < 0 || fields[i].Name.Length > fields[next].Name.Length)) next = i;
            }
            if (next < 0) return null;
            steps.Add(next);
            rest = rest[(fields[next].Name.Length + 1)..];
            fields = ((StructType)fields[next].DataType).Fields;
        }
    }

    private static int IndexOf(IReadOnlyList<Field> fields, string name)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name) return i;
        }
        return -1;
    }

    /// <summary>The array and index that hold the field for row <paramref name="row"/> of <paramref name="batch"/>;
    /// null when the field or a struct above it is null.</summary>
    public (IArrowArray Array, int Index)? Locate(RecordBatch batch, int row)
    {
        IArrowArray array = batch.Column(Steps[0]);
        var index = row;
        if (array.IsNull(index)) return null;
        for (var s = 1; s < Steps.Length; s++)
        {
            var parent = (StructArray)array;
            // A struct's offset applies to its children (Arrow columnar format, "Struct Layout").
            index += parent.Offset;
            array = parent.Fields[Steps[s]];
            if (array.IsNull(index)) return null;
        }
        return (array, index);
    }
}
