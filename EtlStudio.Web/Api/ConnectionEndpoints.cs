using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Api;

/// <summary><c>/api/connections</c>: read for viewers, written by admins. Secrets are stored through
/// <see cref="ISecretProtector.Protect"/> and never returned.</summary>
internal static class ConnectionEndpoints
{
    public static void MapConnectionEndpoints(this IEndpointRouteBuilder api)
    {
        var (read, write, _) = ApiRoutes.For(api, "/connections", "Connections", Policies.Admin,
            // Editors reference connections in flows, so they may list them (never a secret); viewers and operators may not.
            readPolicy: Policies.Edit);
        read.MapGet("/", ListAsync);
        read.MapGet("/{id:int}", GetAsync).WithName("GetConnection");
        write.MapPost("/", CreateAsync).WithSummary("Creates a connection; the secret is stored protected and never returned.");
        write.MapPut("/{id:int}", UpdateAsync).WithSummary("Replaces a connection; an omitted secret is kept, an empty one cleared.");
        write.MapDelete("/{id:int}", DeleteAsync).WithSummary("Deletes an unused connection; 409 naming the flows and triggers that use it.");
    }

    private static async Task<Ok<List<ConnectionDto>>> ListAsync(IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(connections.Select(ConnectionDto.From).ToList());
    }

    private static async Task<Results<Ok<ConnectionDto>, ProblemHttpResult>> GetAsync(int id, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return connection is null ? ApiResults.NotFound("Connection", id) : TypedResults.Ok(ConnectionDto.From(connection));
    }

    private static async Task<Results<CreatedAtRoute<ConnectionDto>, ValidationProblem, ProblemHttpResult>> CreateAsync(ConnectionInput input,
        IDbContextFactory<EtlDbContext> contexts, [FromServices] ISecretProtector secrets, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (settings, errors) = input.Validate(hasStoredSecret: false);
        if (errors.Count > 0) return ApiResults.Invalid(errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await ConflictAsync(db, 0, input.Name!, cancellationToken) is { } conflict) return ApiResults.Conflict(conflict);
        var now = clock.GetUtcNow().UtcDateTime;
        var connection = new Connection { Name = input.Name!.Trim(), CreatedUtc = now };
        Apply(input, settings!, connection, secrets, now);
        db.Connections.Add(connection);
        if (await ApiResults.SaveAsync(db, Duplicate(input.Name), cancellationToken) is { } raced) return ApiResults.Conflict(raced);
        return TypedResults.CreatedAtRoute(ConnectionDto.From(connection), "GetConnection", new { id = connection.Id });
    }

    private static async Task<Results<Ok<ConnectionDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, ConnectionInput input,
        IDbContextFactory<EtlDbContext> contexts, [FromServices] ISecretProtector secrets, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (connection is null) return ApiResults.NotFound("Connection", id);
        var (settings, errors) = input.Validate(hasStoredSecret: !string.IsNullOrEmpty(connection.Secret));
        if (errors.Count > 0) return ApiResults.Invalid(errors);
        if (await ConflictAsync(db, id, input.Name!, cancellationToken) is { } conflict) return ApiResults.Conflict(conflict);
        Apply(input, settings!, connection, secrets, clock.GetUtcNow().UtcDateTime);
        if (await ApiResults.SaveAsync(db, Duplicate(input.Name), cancellationToken) is { } raced) return ApiResults.Conflict(raced);
        return TypedResults.Ok(ConnectionDto.From(connection));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(int id, IDbContextFactory<EtlDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (connection is null) return ApiResults.NotFound("Connection", id);
        if (await UsersAsync(db, id, cancellationToken) is { } users) return ApiResults.Conflict($"Connection '{connection.Name}' is used by {users}.");
        db.Connections.Remove(connection);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsForeignKeyViolation())
        {
            return ApiResults.Conflict($"Connection '{connection.Name}' came into use while it was being deleted.");
        }
        return TypedResults.NoContent();
    }

    /// <summary>Copies validated input; the secret only when one was sent (empty clears it).</summary>
    private static void Apply(ConnectionInput input, ConnectionSettings settings, Connection connection, ISecretProtector secrets, DateTime now)
    {
        connection.Name = input.Name!.Trim();
        connection.Kind = settings.Kind;
        connection.Settings = settings.ToJson();
        if (input.Secret is { } secret) connection.Secret = secret.Length == 0 ? null : secrets.Protect(secret);
        connection.UpdatedUtc = now;
    }

    /// <summary>"flows 'a', 'b' and triggers on 'orders'", or null when nothing uses the connection.</summary>
    private static async Task<string?> UsersAsync(EtlDbContext db, int id, CancellationToken cancellationToken)
    {
        var flows = await db.Flows.Where(f => f.SourceConnectionId == id || f.DestinationConnectionId == id).Select(f => f.Name).ToListAsync(cancellationToken);
        var topics = await db.KafkaTriggers.Where(t => t.ConnectionId == id).Select(t => t.Topic).ToListAsync(cancellationToken);
        var parts = new List<string>();
        if (flows.Count > 0) parts.Add($"flow{(flows.Count > 1 ? "s" : "")} {string.Join(", ", flows.Select(n => $"'{n}'"))}");
        if (topics.Count > 0) parts.Add($"Kafka trigger{(topics.Count > 1 ? "s" : "")} on {string.Join(", ", topics.Select(t => $"'{t}'"))}");
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static Task<string?> ConflictAsync(EtlDbContext db, int id, string name, CancellationToken cancellationToken)
    {
        var lower = name.Trim().ToLower();
        return db.Connections.Where(c => c.Id != id && c.Name.ToLower() == lower).Select(c => Duplicate(c.Name)).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Duplicate(string? name) => $"A connection named '{name?.Trim()}' already exists.";
}
