using ParquetSharp;

namespace EtlStudio.Engine.Staging;

/// <summary>One staged value column as Parquet: its Parquet column(s) and a buffer of one row group's values, filled
/// row by row when writing and column by column when reading.</summary>
internal abstract class ParquetSlot
{
    /// <summary>The Parquet columns this slot writes, in order.</summary>
    public abstract Column[] Columns { get; }

    /// <summary>Adds the value of the next row (null for SQL NULL).</summary>
    public abstract void Add(int row, object? value);

    /// <summary>Writes rows 0..<paramref name="count"/> to the row group, one Parquet column after the other.</summary>
    public abstract void Write(RowGroupWriter rowGroup, int count);

    /// <summary>Reads <paramref name="count"/> rows of the row group from column <paramref name="first"/> on.</summary>
    public abstract void Read(RowGroupReader rowGroup, int first, int count);

    /// <summary>The value of row <paramref name="row"/> of the row group read last.</summary>
    public abstract object? Get(int row);

    /// <summary>Approximate bytes the slot holds for row <paramref name="row"/> beyond its fixed size (text).</summary>
    public virtual int ExtraBytes(int row) => 0;
}
