using System.Text.Json;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Connections;

/// <summary>The one write path of connections, for the portal's editor and <c>/api/connections</c>: validate with
/// <see cref="ConnectionRules"/>, refuse a taken name, protect the secret, save (the audit interceptor records the
/// change, the secret masked), and refuse to delete a connection that flows or Kafka triggers use.</summary>
internal sealed class ConnectionService(IDbContextFactory<EtlDbContext> contexts, ISecretProtector secrets, TimeProvider clock)
{
    public async Task<Connection?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    public async Task<List<Connection>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Connections.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The Connections page's rows, with the number of flows using each connection.</summary>
    public async Task<List<ConnectionRow>> ListRowsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new
            {
                c.Id, c.Name, c.Kind, c.Settings, HasSecret = c.Secret != null,
                Flows = db.Flows.Count(f => f.SourceConnectionId == c.Id || f.DestinationConnectionId == c.Id),
            })
            .ToListAsync(cancellationToken);
        return connections.Select(c => new ConnectionRow(c.Id, c.Name, c.Kind, Where(c.Kind, c.Settings), c.HasSecret, c.Flows)).ToList();
    }

    /// <summary>Creates (<paramref name="id"/> 0) or replaces a connection.</summary>
    public async Task<ConnectionSaveResult> SaveAsync(int id, ConnectionChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = id == 0 ? null : await db.Connections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (id != 0 && connection is null) return ConnectionSaveResult.Missing;
        var errors = ConnectionRules.Validate(change.Name, change.Settings, change.WillHaveSecret(!string.IsNullOrEmpty(connection?.Secret)));
        if (errors.Count > 0) return ConnectionSaveResult.Invalid(errors);
        var name = change.Name!.Trim();
        if (await FindConflictAsync(db, id, name, cancellationToken) is { } taken) return ConnectionSaveResult.Taken(Duplicate(taken));
        var now = clock.GetUtcNow().UtcDateTime;
        if (connection is null)
        {
            connection = new Connection { Name = name, CreatedUtc = now };
            db.Connections.Add(connection);
        }
        connection.Name = name;
        connection.Kind = change.Settings.Kind;
        connection.Settings = change.Settings.ToJson();
        connection.Secret = change.Secret switch
        {
            SecretChange.Replace when !string.IsNullOrEmpty(change.NewSecret) => secrets.Protect(change.NewSecret),
            SecretChange.Replace or SecretChange.Clear => null,
            _ => connection.Secret,
        };
        connection.UpdatedUtc = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Someone else took the name between the check and the insert.
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return ConnectionSaveResult.Taken(Duplicate(await FindConflictAsync(fresh, id, name, cancellationToken) ?? name));
        }
        return ConnectionSaveResult.Saved(connection);
    }

    public async Task<ConnectionDeleteResult> DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (connection is null) return ConnectionDeleteResult.Missing;
        if (await UsersAsync(db, id, cancellationToken) is { } users) return ConnectionDeleteResult.Refused($"Connection '{connection.Name}' is used by {users}.");
        db.Connections.Remove(connection);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsForeignKeyViolation())
        {
            return ConnectionDeleteResult.Refused($"Connection '{connection.Name}' came into use while it was being deleted.");
        }
        return ConnectionDeleteResult.Done;
    }

    /// <summary>The secret "Test connection" should use: the one being typed, none, or the stored one unprotected.</summary>
    public async Task<string?> SecretForTestAsync(ConnectionForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!form.UsesSecret) return null;
        switch (form.SecretChange)
        {
            case SecretChange.Replace: return string.IsNullOrEmpty(form.NewSecret) ? null : form.SecretToSend;
            case SecretChange.Clear: return null;
        }
        if (form.Id == 0) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Connections.Where(c => c.Id == form.Id).Select(c => c.Secret).FirstOrDefaultAsync(cancellationToken);
        return ConnectionSecrets.Reveal(secrets, stored);
    }

    /// <summary>"flows 'a', 'b' and Kafka triggers on 'orders'", or null when nothing uses the connection.</summary>
    private static async Task<string?> UsersAsync(EtlDbContext db, int id, CancellationToken cancellationToken)
    {
        var flows = await db.Flows.Where(f => f.SourceConnectionId == id || f.DestinationConnectionId == id).OrderBy(f => f.Name).Select(f => f.Name).ToListAsync(cancellationToken);
        // Lookups name their connection inside the flow's JSON, where no foreign key guards it.
        var withLookups = await db.Flows.Where(f => f.Lookups != null).Select(f => new { f.Name, f.Lookups }).ToListAsync(cancellationToken);
        var lookupFlows = withLookups.Where(f => LookupUses(f.Lookups, id)).Select(f => f.Name).Order(StringComparer.Ordinal).ToList();

        var topics = await db.KafkaTriggers.Where(t => t.ConnectionId == id).OrderBy(t => t.Topic).Select(t => t.Topic).ToListAsync(cancellationToken);
        var parts = new List<string>();
        if (flows.Count > 0) parts.Add($"flow{(flows.Count > 1 ? "s" : "")} {string.Join(", ", flows.Select(n => $"'{n}'"))}");
        if (lookupFlows.Count > 0) parts.Add($"lookups of flow{(lookupFlows.Count > 1 ? "s" : "")} {string.Join(", ", lookupFlows.Select(n => $"'{n}'"))}");
        if (topics.Count > 0) parts.Add($"Kafka trigger{(topics.Count > 1 ? "s" : "")} on {string.Join(", ", topics.Select(t => $"'{t}'"))}");
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static bool LookupUses(string? lookups, int id)
    {
        try
        {
            return (JsonSerializer.Deserialize<List<StoredLookup>>(lookups ?? "[]", LookupJson) ?? []).Exists(l => l.ConnectionId == id);
        }
        catch (JsonException)
        {
            // Unreadable lookups fail the flow's runs anyway (naming the flow); they do not hold a connection.
            return false;
        }
    }

    private static readonly JsonSerializerOptions LookupJson = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>The name of another connection that <paramref name="name"/> clashes with, case-insensitively.</summary>
    private static Task<string?> FindConflictAsync(EtlDbContext db, int id, string name, CancellationToken cancellationToken)
    {
        var lower = name.ToLower();
        return db.Connections.Where(c => c.Id != id && c.Name.ToLower() == lower).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Duplicate(string name) => $"A connection named '{name}' already exists.";

    private static string Where(ConnectionKind kind, string settings)
    {
        try
        {
            return ConnectionSettings.FromJson(kind, settings).Summary;
        }
        catch (JsonException ex)
        {
            return $"invalid settings: {ex.Message}";
        }
    }
}
