using System.Diagnostics;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Mapping.Expressions;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Web.Flows;

/// <summary>Runs the designer's previews and destination check on the server, through the engine's own source,
/// parser, mapper and loader check (the code a run uses). Problems become messages for the stage, never exceptions.</summary>
internal sealed partial class DesignerPreview(
    DesignerData data, FlowDefinitionFactory definitions, FlowPreview preview, ILoaderFactory loaders, FlowSchema schema, ILogger<DesignerPreview> logger)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    public async Task<DesignerPreviewResult> RunAsync(FlowDraft draft, SampleFile? sample, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            var columns = draft.ColumnMaps();
            // The preview maps through the run's compiled mapper: the filter and the lookups the expressions read too.
            var flow = await data.MaterializeAsync(draft, limit.Token);
            var lookups = definitions.Lookups(flow, await data.LookupConnectionsAsync(flow, limit.Token));
            var filter = string.IsNullOrWhiteSpace(draft.Form.Filter) ? null : draft.Form.Filter;
            var result = sample is not null
                ? await preview.RunAsync(new SourceDocument(sample.Name, new MemoryStream(sample.Content, writable: false)), draft.Form.Parse, columns, filter, lookups, FlowPreview.MaxRows, limit.Token)
                : await preview.RunAsync(definitions.Source(flow, FlowDefinitionMode.Draft), draft.Form.Parse, columns, filter, lookups, FlowPreview.MaxRows, limit.Token);
            return new DesignerPreviewResult(result, null, Stopwatch.GetElapsedTime(start));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DesignerPreviewResult(null, $"The source did not answer within {Limit.TotalSeconds:0} seconds.", Stopwatch.GetElapsedTime(start));
        }
        catch (Exception e) when (e is EtlDataException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return new DesignerPreviewResult(null, e.Message, Stopwatch.GetElapsedTime(start));
        }
    }

    /// <summary>Checks the destination table against the mapped columns: missing table or columns, types, keys.</summary>
    public async Task<(DestinationCheckResult? Result, string? Problem)> CheckDestinationAsync(FlowDraft draft, CancellationToken cancellationToken)
    {
        try
        {
            var flow = await data.MaterializeAsync(draft, cancellationToken);
            var destination = definitions.Destination(flow, FlowDefinitionMode.Draft);
            var columns = draft.ColumnMaps().Select(TargetColumn.Of).ToList();
            return (await loaders.Create(destination.Provider).CheckAsync(destination, columns, cancellationToken), null);
        }
        catch (Exception e) when (IsDestinationProblem(e))
        {
            LogCheckFailed(logger, e.GetType().Name);
            return (null, e.Message);
        }
    }

    /// <summary>The engine's schema plan for the draft (what a run with "create if missing" or "add columns" would
    /// execute): the diff of <paramref name="fields"/> (the sample's, null when none was read), the mapping and the
    /// table, and the DDL. Nothing is changed.</summary>
    public async Task<(SchemaPlan? Plan, string? Problem)> PlanAsync(FlowDraft draft, IReadOnlyList<string>? fields, CancellationToken cancellationToken)
    {
        try
        {
            var (destination, columns, sourceFields) = await SchemaInputsAsync(draft, fields, cancellationToken);
            return (await schema.PlanAsync(destination, columns, sourceFields, draft.Form.UnmappedFields, cancellationToken), null);
        }
        catch (Exception e) when (IsDestinationProblem(e))
        {
            LogCheckFailed(logger, e.GetType().Name);
            return (null, e.Message);
        }
    }

    /// <summary>Plans the draft again, here and now, and runs that plan's statements (never the plan on screen, which
    /// may be stale). A statement the database refuses comes back as the problem, naming the table and the statement.</summary>
    public async Task<(SchemaPlan? Plan, bool Applied, string? Problem)> ApplyPlanAsync(FlowDraft draft, IReadOnlyList<string>? fields, CancellationToken cancellationToken)
    {
        try
        {
            var (destination, columns, sourceFields) = await SchemaInputsAsync(draft, fields, cancellationToken);
            var what = draft.Id == 0 ? $"unsaved flow '{draft.Name.Trim()}'" : $"flow {draft.Id}";
            var (plan, applied) = await schema.ApplyAsync(what, destination, columns, sourceFields, draft.Form.UnmappedFields, cancellationToken);
            return (plan, applied, null);
        }
        catch (Exception e) when (IsDestinationProblem(e))
        {
            LogCheckFailed(logger, e.GetType().Name);
            return (null, false, e.Message);
        }
    }

    /// <summary>The draft's destination and columns, and the source fields the plan compares: the sample's, less those
    /// only an expression reads (the same list the run's mapper binds), which are read, not unmapped.</summary>
    private async Task<(DestinationDefinition Destination, IReadOnlyList<ColumnMap> Columns, IReadOnlyList<string>? Fields)> SchemaInputsAsync(
        FlowDraft draft, IReadOnlyList<string>? fields, CancellationToken cancellationToken)
    {
        var flow = await data.MaterializeAsync(draft, cancellationToken);
        var destination = definitions.Destination(flow, FlowDefinitionMode.Draft);
        var columns = draft.ColumnMaps();
        if (fields is null || fields.Count == 0) return (destination, columns, null);
        var mapped = columns.Select(c => c.SourceField).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var readOnly = FlowExpressions.SourceFieldsRead(columns, draft.Form.Filter).Where(f => !mapped.Contains(f)).ToHashSet(StringComparer.Ordinal);
        return (destination, columns, [.. fields.Where(f => !readOnly.Contains(f))]);
    }

    private static bool IsDestinationProblem(Exception e) =>
        e is EtlDataException or System.Data.Common.DbException or System.Text.Json.JsonException or InvalidOperationException or TimeoutException or NotSupportedException;

    [LoggerMessage(Level = LogLevel.Information, Message = "Destination check could not run ({ExceptionType})")]
    private static partial void LogCheckFailed(ILogger logger, string exceptionType);
}
