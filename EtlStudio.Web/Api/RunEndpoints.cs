using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Runs;
using EtlStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary><c>/api/runs</c>: run history (paged, filtered), run detail, rejected rows, cancel and resume.</summary>
internal static class RunEndpoints
{
    public static void MapRunEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, _, run) = ApiRoutes.For(api, "/runs", "Runs", Policies.Run);
        read.MapGet("/", ListAsync);
        read.MapGet("/{id:guid}", GetAsync).WithSummary(
            $"The run with its steps and staged artifacts. With waitSeconds (1–{MaxWaitSeconds}) the answer waits until the run has ended or the time is up, whichever comes first: one request instead of polling.");
        read.MapGet("/{id:guid}/artifacts/{artifactId:long}", RunArtifactEndpoint.DownloadAsync)
            .WithSummary("Downloads a staged artifact of the run, by the id its detail lists; 410 when retention removed the file.");
        read.MapGet("/{id:guid}/rejects", RejectsAsync).WithSummary("The rows the run rejected, by row number, with column, value and reason.");
        run.MapPost("/{id:guid}/cancel", CancelAsync).WithSummary("Asks a queued or running run to stop; 409 when it has ended.");
        run.MapPost("/{id:guid}/resume", ResumeAsync)
            .WithSummary("Queues a run that finishes this run's load: it loads only the rows the load did not commit (from the staged output when it can, else from the source).");
        run.MapPost("/{id:guid}/replay", ResumeAsync).WithSummary("Same as resume (kept for scripts written before resume existed).");
    }

    private static async Task<Results<Ok<Page<RunSummary>>, ValidationProblem>> ListAsync(IDbContextFactory<EtlDbContext> contexts,
        int? flowId, int? groupId, RunStatus? status, RunTrigger? trigger, DateTimeOffset? from, DateTimeOffset? to,
        int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        if (Paging.Problems(page, pageSize) is { Count: > 0 } problems) return ApiResults.Invalid(problems);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Runs.AsNoTracking();
        if (flowId is { } f) query = query.Where(r => r.FlowId == f);
        if (groupId is { } g) query = query.Where(r => r.GroupId == g);
        if (status is { } s) query = query.Where(r => r.Status == s);
        if (trigger is { } t) query = query.Where(r => r.Trigger == t);
        if (from is { } start) query = query.Where(r => r.QueuedUtc >= start.UtcDateTime);
        if (to is { } end) query = query.Where(r => r.QueuedUtc < end.UtcDateTime);
        var total = await query.CountAsync(cancellationToken);
        // Queued times are UTC DateTime (not DateTimeOffset) so SQLite can sort them too.
        var items = await query.OrderByDescending(r => r.QueuedUtc).ThenByDescending(r => r.Id).Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .Select(r => new RunSummary(r.Id, r.FlowId, r.FlowName, r.GroupId, r.Trigger, r.TriggeredBy, r.Status, r.QueuedUtc, r.StartedUtc,
                r.EndedUtc, r.RowsRead, r.RowsWritten, r.RowsRejected, r.RowsFiltered, r.Error))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<RunSummary>(items, page, pageSize, total));
    }

    /// <summary>Longest wait a run read may ask for: below the idle timeouts of the proxies in front of the app
    /// (App Service: 230 s), and short enough that a client that went away does not hold a request for long.</summary>
    internal const int MaxWaitSeconds = 60;

    private static async Task<Results<Ok<RunDetail>, ProblemHttpResult, ValidationProblem>> GetAsync(Guid id, IDbContextFactory<EtlDbContext> contexts,
        RunEndWait ends, int waitSeconds = 0, CancellationToken cancellationToken = default)
    {
        if (waitSeconds is < 0 or > MaxWaitSeconds)
        {
            return ApiResults.Invalid([new("waitSeconds", $"waitSeconds must be between 0 and {MaxWaitSeconds} (got {waitSeconds}).")]);
        }
        if (waitSeconds > 0) await ends.UntilEndedAsync(id, TimeSpan.FromSeconds(waitSeconds), cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null) return ApiResults.NotFound("Run", id);
        var steps = RunDetailData.PipelineOrder(await db.RunSteps.AsNoTracking().Where(s => s.RunId == id).ToListAsync(cancellationToken))
            .Select(s => new RunStepDto(s.Name, s.Status, s.StartedUtc, s.EndedUtc, s.DurationMs, s.Error)).ToList();
        var artifacts = (await db.RunArtifacts.AsNoTracking().Where(a => a.RunId == id).OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.Length }).ToListAsync(cancellationToken))
            .Select(a => new RunArtifactDto(a.Id, a.Name, a.Length, RunArtifactView.DownloadUrl(id, a.Id))).ToList();
        return TypedResults.Ok(RunDetail.From(run, steps, artifacts));
    }

    private static async Task<Results<Ok<Page<RejectDto>>, ValidationProblem, ProblemHttpResult>> RejectsAsync(Guid id,
        IDbContextFactory<EtlDbContext> contexts, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        if (Paging.Problems(page, pageSize) is { Count: > 0 } problems) return ApiResults.Invalid(problems);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Runs.AnyAsync(r => r.Id == id, cancellationToken)) return ApiResults.NotFound("Run", id);
        var rejects = db.RejectedRows.AsNoTracking().Where(x => x.RunId == id);
        var total = await rejects.CountAsync(cancellationToken);
        var items = await rejects.OrderBy(x => x.RowNumber).ThenBy(x => x.Id).Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .Select(x => new RejectDto(x.Origin, x.RowNumber, x.Column, x.Value, x.Reason)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page<RejectDto>(items, page, pageSize, total));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> CancelAsync(Guid id, [FromServices] IRunLauncher launcher,
        IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var status = await db.Runs.Where(r => r.Id == id).Select(r => (RunStatus?)r.Status).FirstOrDefaultAsync(cancellationToken);
            if (status is null) return ApiResults.NotFound("Run", id);
            if (status.Value.HasEnded()) return ApiResults.Conflict($"Run {id} has already ended ({status}).");
        }
        await launcher.CancelAsync(id, cancellationToken);
        return TypedResults.Accepted($"/api/runs/{id}");
    }

    private static async Task<Results<Accepted<RunAccepted>, ProblemHttpResult>> ResumeAsync(Guid id, [FromServices] IRunLauncher launcher,
        IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Runs.AnyAsync(r => r.Id == id, cancellationToken)) return ApiResults.NotFound("Run", id);
        }
        try
        {
            var resumeId = await launcher.ResumeAsync(id, cancellationToken);
            return TypedResults.Accepted($"/api/runs/{resumeId}", new RunAccepted(resumeId));
        }
        catch (InvalidOperationException e)
        {
            // E.g. the run's flow was deleted, the run is still going, or it succeeded (nothing left to load).
            return ApiResults.Conflict(e.Message);
        }
    }
}
