using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Loading;

/// <summary>Builds a <see cref="SchemaPlan"/> from the mapping, the source's fields and the catalog: the diff, the DDL
/// that would make the table fit, and what DDL cannot fix.</summary>
internal static class SchemaPlanner
{
    public static SchemaPlan Plan(DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, IReadOnlyList<string>? sourceFields,
        UnmappedFieldPolicy policy, TableCatalog? catalog, SchemaDialect dialect, Func<TargetColumn, CatalogColumn, bool> compatible)
    {
        var problems = new List<string>();
        var table = destination.Table;
        var all = columns.ToList();
        var unmapped = Unmapped(columns, sourceFields);
        var added = new HashSet<string>(StringComparer.Ordinal);
        if (policy == UnmappedFieldPolicy.Fail && unmapped.Count > 0)
        {
            problems.Add($"source fields {Names(unmapped)} are not mapped, and the flow fails on unmapped fields");
        }
        else if (policy == UnmappedFieldPolicy.AddColumns)
        {
            foreach (var field in unmapped)
            {
                if (all.Any(c => string.Equals(c.Name, field, StringComparison.OrdinalIgnoreCase)))
                    problems.Add($"source field '{field}' cannot be added as a column: a column of that name is already mapped from another field");
                else if (dialect.IdentifierProblem(field) is { } bad)
                    problems.Add($"source field '{field}' cannot be added as a column of '{table}': {bad}");
                else
                {
                    all.Add(new TargetColumn(field, ColumnType.String, SourceField: field));
                    added.Add(field);
                }
            }
        }
        var statements = catalog is null
            ? Create(destination, all, dialect, problems)
            : Alter(catalog, all, dialect, compatible, problems);
        return new SchemaPlan
        {
            Table = table,
            TableExists = catalog is not null,
            Columns = all,
            Diff = Diff(all, sourceFields, unmapped, added, catalog, compatible),
            Statements = statements,
            Problems = problems,
            Transactional = dialect.TransactionalDdl,
        };
    }

    /// <summary>Source fields that no column reads, in source order.</summary>
    private static List<string> Unmapped(IReadOnlyList<TargetColumn> columns, IReadOnlyList<string>? sourceFields)
    {
        if (sourceFields is null) return [];
        var mapped = columns.Select(c => c.SourceField).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return [.. sourceFields.Distinct(StringComparer.Ordinal).Where(f => !mapped.Contains(f))];
    }

    private static List<string> Create(DestinationDefinition destination, List<TargetColumn> columns, SchemaDialect dialect, List<string> problems)
    {
        var name = TableName.Parse(destination.Table);
        if (dialect.IdentifierProblem(name.Name) is { } badTable) problems.Add($"table '{destination.Table}' cannot be created: {badTable}");
        if (name.Schema is not null && dialect.IdentifierProblem(name.Schema) is { } badSchema) problems.Add($"table '{destination.Table}' cannot be created: schema {badSchema}");
        if (columns.Count == 0) problems.Add("No columns are mapped.");
        foreach (var group in columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add($"Column '{group.Key}' is mapped more than once.");
        }
        foreach (var column in columns)
        {
            if (dialect.IdentifierProblem(column.Name) is { } bad) problems.Add($"column '{column.Name}' cannot be created: {bad}");
        }
        var keys = new List<string>();
        if (destination.Mode == LoadMode.Upsert && destination.KeyColumns.Count == 0) problems.Add("Upsert needs key columns, and none are set.");
        foreach (var key in destination.KeyColumns)
        {
            var column = columns.FirstOrDefault(c => string.Equals(c.Name, key, StringComparison.Ordinal))
                ?? columns.FirstOrDefault(c => string.Equals(c.Name, key, StringComparison.OrdinalIgnoreCase));
            if (column is null) problems.Add($"Key column '{key}' is not one of the mapped columns.");
            else keys.Add(column.Name);
        }
        if (problems.Count > 0) return [];
        return [dialect.CreateTable(dialect.Table(name.Schema, name.Name), columns, keys)];
    }

    private static List<string> Alter(TableCatalog catalog, List<TargetColumn> columns, SchemaDialect dialect,
        Func<TargetColumn, CatalogColumn, bool> compatible, List<string> problems)
    {
        var statements = new List<string>();
        var table = dialect.Table(catalog.Schema, catalog.Name);
        foreach (var column in columns)
        {
            var found = DestinationCheck.Find(catalog.Columns, column.Name);
            if (found is null)
            {
                if (dialect.IdentifierProblem(column.Name) is { } bad) problems.Add($"column '{column.Name}' cannot be added: {bad}");
                else statements.Add(dialect.AddColumn(table, column));
            }
            else if (!compatible(column, found))
            {
                problems.Add($"Column '{found.Name}' is {DestinationCheck.Describe(found)}, which cannot take {column.Type} values.");
            }
        }
        return statements;
    }

    private static List<SchemaDiffEntry> Diff(List<TargetColumn> columns, IReadOnlyList<string>? sourceFields, List<string> unmapped,
        HashSet<string> added, TableCatalog? catalog, Func<TargetColumn, CatalogColumn, bool> compatible)
    {
        var diff = new List<SchemaDiffEntry>();
        var source = sourceFields?.ToHashSet(StringComparer.Ordinal);
        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var found = catalog is null ? null : DestinationCheck.Find(catalog.Columns, column.Name);
            if (found is not null) matched.Add(found.Name);
            bool? inSource = source is null || column.SourceField is null ? null : source.Contains(column.SourceField);
            var status = added.Contains(column.Name) ? SchemaDiffStatus.UnmappedSourceField
                : found is null ? SchemaDiffStatus.ColumnMissingFromTable
                : !compatible(column, found) ? SchemaDiffStatus.TypeMismatch
                : inSource == false ? SchemaDiffStatus.MappedFieldMissingFromSource
                : SchemaDiffStatus.Ok;
            diff.Add(new(column.SourceField ?? column.Name, inSource, column.Name, found is null ? null : DestinationCheck.Describe(found), status));
        }
        foreach (var field in unmapped.Where(f => !added.Contains(f)))
        {
            var found = catalog is null ? null : DestinationCheck.Find(catalog.Columns, field);
            if (found is not null) matched.Add(found.Name);
            diff.Add(new(field, true, null, found is null ? null : DestinationCheck.Describe(found), SchemaDiffStatus.UnmappedSourceField));
        }
        foreach (var column in catalog?.Columns.Where(c => !matched.Contains(c.Name)) ?? [])
        {
            diff.Add(new(column.Name, null, null, DestinationCheck.Describe(column), SchemaDiffStatus.TableColumnNotMapped));
        }
        return diff;
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
