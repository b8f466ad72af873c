namespace EtlStudio.Engine.Loading;

/// <summary>The checked destination: catalog spellings, one catalog column per target column (same order).</summary>
internal sealed record ResolvedTarget(TableCatalog Table, IReadOnlyList<TargetColumn> Targets, IReadOnlyList<CatalogColumn> Columns, IReadOnlyList<string> Keys);
