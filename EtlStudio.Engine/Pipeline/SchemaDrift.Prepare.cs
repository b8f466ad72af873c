using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Parsing;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Engine.Pipeline;

/// <summary>Before loading starts: the source's fields (with <see cref="UnmappedFieldPolicy.AddColumns"/>), the plan,
/// and its DDL.</summary>
internal sealed partial class SchemaDrift
{
    /// <summary>Plans the destination when the flow may create its table (<see cref="DestinationDefinition.CreateIfMissing"/>)
    /// or add columns (<see cref="UnmappedFieldPolicy.AddColumns"/>), and runs the DDL: a run in a transaction of its own
    /// before the first batch (Append and Upsert commit batch by batch, and the batch ledger lives in the table's
    /// schema, so the table must exist before the load; a TruncateReplace then replaces the rows of an empty table);
    /// a dry run inside its rolled-back transaction (<paramref name="dryRun"/>), so nothing stays. Returns the flow
    /// with the columns added for unmapped fields, and, for a dry run, the DDL pending in its destination.</summary>
    public async Task<FlowDefinition> PrepareAsync(FlowDefinition run, IDestinationLoader loader, ISourceFactory sources, bool dryRun, CancellationToken cancellationToken)
    {
        var policy = run.UnmappedFields;
        var create = run.Destination.CreateIfMissing;
        if (!create && policy != UnmappedFieldPolicy.AddColumns) return run;
        var (fields, origin) = policy == UnmappedFieldPolicy.AddColumns ? await SourceFieldsAsync(run, sources, cancellationToken) : (null, null);
        var columns = run.Columns.Select(TargetColumn.Of).ToList();
        var unmapped = fields?.Where(f => !IsMapped(f) && !IsParent(f, fields)).ToList();
        var plan = await loader.PlanAsync(run.Destination, columns, unmapped is null ? null : [.. columns.Select(c => c.SourceField).OfType<string>(), .. unmapped], policy, cancellationToken);
        var table = run.Destination.Table;
        if (!plan.IsValid)
        {
            throw new EtlDataException($"flow '{run.Name}': destination {table} cannot be made to fit the source and the mapping: {string.Join("; ", plan.Problems)}", table);
        }
        var added = plan.Columns.Skip(columns.Count).ToList();
        if (added.Count > 0)
        {
            Warn($"schema drift: source fields {string.Join(", ", added.Select(c => $"'{c.Name}'"))} of {origin} are not mapped: loaded as text columns of the same name (the flow adds unmapped fields)");
            run = run with { Columns = [.. run.Columns, .. added.Select(c => new ColumnMap { SourceField = c.Name, TargetColumn = c.Name, Optional = true })] };
            foreach (var column in added) _reported.Add(column.Name);
            _mapped = Mapped(run.Columns);
        }
        var apply = plan.Statements.Count > 0 && (plan.TableExists ? policy == UnmappedFieldPolicy.AddColumns : create);
        if (!apply) return run;
        if (dryRun && !plan.Transactional)
        {
            throw new EtlDataException(
                $"flow '{run.Name}': a dry run cannot run the DDL {table} needs, because this database commits DDL as it runs it; a run would execute: {string.Join("; ", plan.Statements)}", table);
        }
        foreach (var statement in plan.Statements)
        {
            Executed(statement, dryRun ? $"table {table}: the dry run executes {statement} (rolled back with the load)" : $"table {table}: executing {statement}");
        }
        if (dryRun) return run with { Destination = run.Destination with { Schema = plan } };
        await loader.ApplyAsync(run.Destination, plan, cancellationToken);
        return run;
    }

    /// <summary>The fields of the source's first document (after its first record: JSON/XML list keys as they read them)
    /// or of the query; null when there is no document. The document is opened again by the run: for a query that
    /// means a second execution, stopped after its first row.</summary>
    private static async Task<(IReadOnlyList<string>? Fields, string? Origin)> SourceFieldsAsync(FlowDefinition run, ISourceFactory sources, CancellationToken cancellationToken)
    {
        if (run.Source is DatabaseSourceDefinition query)
        {
            await using var records = await sources.OpenQueryAsync(query, cancellationToken);
            await records.ReadAsync(cancellationToken);
            return ([.. records.Fields], records.Origin);
        }
        var documents = sources.CreateDocumentSource(run.Source, run.Parse).GetDocumentsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (documents)
        {
            if (!await documents.MoveNextAsync()) return (null, null);
            await using var document = documents.Current;
            await using var reader = await DocumentParser.OpenAsync(document, run.Parse, cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return ([.. reader.Fields], reader.Origin);
        }
    }
}
