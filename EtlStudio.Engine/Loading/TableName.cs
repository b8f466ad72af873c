namespace EtlStudio.Engine.Loading;

/// <summary>A destination table as the user wrote it: <c>orders</c> or <c>sales.orders</c>. It is only ever used as a
/// parameter value to look the table up in the catalog; SQL uses the catalog's spelling, quoted.</summary>
internal readonly record struct TableName(string? Schema, string Name)
{
    public static TableName Parse(string table)
    {
        var dot = table.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 || dot == table.Length - 1
            ? new TableName(null, table)
            : new TableName(table[..dot], table[(dot + 1)..]);
    }

    public override string ToString() => Schema is null ? Name : $"{Schema}.{Name}";
}
