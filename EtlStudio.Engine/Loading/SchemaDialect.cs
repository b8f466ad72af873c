using System.Globalization;
using System.Text;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading;

/// <summary>A provider's DDL: column types for the mapped types, quoting, and the <c>CREATE TABLE</c> and
/// <c>ALTER TABLE … ADD</c> a <see cref="SchemaPlan"/> runs. Pure functions over names already checked by
/// <see cref="IdentifierProblem"/>; no values.</summary>
internal abstract class SchemaDialect
{
    /// <summary>Whether a transaction undoes DDL (PostgreSQL, SQL Server, SQLite). Oracle commits before and after every
    /// DDL statement, so its statements cannot share the load's transaction or a dry run's rollback.</summary>
    public abstract bool TransactionalDdl { get; }

    /// <summary>Longest name the database keeps, counted in <see cref="IdentifierBytes"/> (UTF-8 bytes) or characters.</summary>
    protected abstract int MaxIdentifierLength { get; }

    /// <summary>Whether <see cref="MaxIdentifierLength"/> counts UTF-8 bytes (PostgreSQL, Oracle) rather than characters.</summary>
    protected virtual bool IdentifierBytes => false;

    /// <summary>The quoted name.</summary>
    public abstract string Quote(string name);

    /// <summary>The quoted table, schema-qualified when the flow names a schema.</summary>
    public abstract string Table(string? schema, string name);

    /// <summary>The column type a created column of <paramref name="column"/> gets; <paramref name="key"/>: it is part of
    /// the primary key (some databases cannot index unbounded text).</summary>
    public abstract string TypeOf(TargetColumn column, bool key);

    /// <summary>The <c>CREATE TABLE</c> for <paramref name="columns"/>, with <paramref name="keys"/> as primary key.</summary>
    public virtual string CreateTable(string table, IReadOnlyList<TargetColumn> columns, IReadOnlyList<string> keys)
    {
        var parts = columns.Select(c =>
        {
            var key = keys.Contains(c.Name, StringComparer.OrdinalIgnoreCase);
            return $"{Quote(c.Name)} {TypeOf(c, key)}{(key || c.Required ? " NOT NULL" : "")}";
        }).ToList();
        if (keys.Count > 0) parts.Add($"PRIMARY KEY ({string.Join(", ", keys.Select(Quote))})");
        return $"CREATE TABLE {table} ({string.Join(", ", parts)})";
    }

    /// <summary>The <c>ALTER TABLE</c> that adds <paramref name="column"/>, nullable: the table may have rows, which a
    /// NOT NULL column without a default would refuse.</summary>
    public abstract string AddColumn(string table, TargetColumn column);

    /// <summary>Why <paramref name="name"/> cannot be a table or column name here; null when it can.</summary>
    public virtual string? IdentifierProblem(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "an empty name";
        if (name.Any(char.IsControl)) return $"'{EtlDataException.Shorten(name)}' contains a control character";
        var length = IdentifierBytes ? Encoding.UTF8.GetByteCount(name) : name.Length;
        if (length > MaxIdentifierLength)
        {
            var unit = IdentifierBytes ? "bytes" : "characters";
            return string.Create(CultureInfo.InvariantCulture, $"'{name}' is {length} {unit}, longer than the {MaxIdentifierLength} the database allows");
        }
        return null;
    }

    /// <summary>Unbounded text where the column has no length.</summary>
    protected static bool Bounded(TargetColumn column, out int length)
    {
        length = column.Length ?? 0;
        return column.Length is > 0;
    }

    /// <summary><c>(p,s)</c> of a decimal with a precision; a scale alone is ignored (a precision is needed to say it).</summary>
    protected static string? PrecisionScale(TargetColumn column) =>
        column.Precision is { } p ? string.Create(CultureInfo.InvariantCulture, $"({p},{column.Scale ?? 0})") : null;

    /// <summary>Whole numbers in SQL text.</summary>
    protected static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The type for a mapped type that has no SQL type of its own here.</summary>
    protected static NotSupportedException Unknown(ColumnType type) => new($"No column type for {type}.");
}
