using System.Diagnostics;
using EtlStudio.Engine;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Preview;
using EtlStudio.Engine.Sources;

namespace EtlStudio.Web.Flows;

/// <summary>Runs the designer's previews and destination check on the server, through the engine's own source,
/// parser, mapper and loader check (the code a run uses). Problems become messages for the stage, never exceptions.</summary>
internal sealed partial class DesignerPreview(
    DesignerData data, FlowDefinitionFactory definitions, FlowPreview preview, ILoaderFactory loaders, ILogger<DesignerPreview> logger)
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
        catch (Exception e) when (e is EtlDataException or System.Data.Common.DbException or System.Text.Json.JsonException or InvalidOperationException or TimeoutException)
        {
            LogCheckFailed(logger, e.GetType().Name);
            return (null, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Destination check could not run ({ExceptionType})")]
    private static partial void LogCheckFailed(ILogger logger, string exceptionType);
}
