namespace EtlStudio.Engine.Loading;

/// <summary>The checked destination: catalog spellings, one catalog column per target column (same order).</summary>
/// <param name="Table">The table as the catalog has it.</param>
/// <param name="Targets">The mapped columns.</param>
/// <param name="Columns">The catalog column of each mapped column, same order.</param>
/// <param name="Keys">Upsert key columns, catalog spelling.</param>
/// <param name="Transaction">The transaction a dry run's DDL ran in, which the session continues (and rolls back); null
/// when no DDL ran.</param>
internal sealed record ResolvedTarget(TableCatalog Table, IReadOnlyList<TargetColumn> Targets, IReadOnlyList<CatalogColumn> Columns, IReadOnlyList<string> Keys,
    System.Data.Common.DbTransaction? Transaction = null);
