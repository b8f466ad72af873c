using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Web.Components.Controls;
using EtlStudio.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Connections;

/// <summary>Reads and writes connections for the editor. Secrets go in through <see cref="ISecretProtector.Protect"/>
/// and are never read back out here: the form only learns whether one is set.</summary>
internal sealed class ConnectionStore(IDbContextFactory<EtlDbContext> contexts, IServiceProvider services, TimeProvider clock)
{
    // Resolved when a secret is actually handled, so the editor still opens (and says why) on a server without one.
    private ISecretProtector Secrets => services.GetService<ISecretProtector>()
        ?? throw new InvalidOperationException("This server has no secret protector configured, so secrets cannot be stored or used yet.");

    public async Task<ConnectionForm?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        return connection is null ? null : ConnectionForm.From(connection);
    }

    /// <summary>Saves a validated form. Returns the saved id, or the message for a name that is taken.</summary>
    public async Task<(int Id, string? Conflict)> SaveAsync(ConnectionForm form, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await FindConflictAsync(db, form, cancellationToken) is { } taken) return (0, Duplicate(taken));
        var connection = form.Id == 0 ? null : await db.Connections.FirstOrDefaultAsync(c => c.Id == form.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (connection is null)
        {
            connection = new Connection { Name = form.Name.Trim(), CreatedUtc = now };
            db.Connections.Add(connection);
        }
        connection.Name = form.Name.Trim();
        connection.Kind = form.Kind;
        connection.Settings = form.ToSettings().ToJson();
        connection.Secret = !form.UsesSecret ? null : form.SecretChange switch
        {
            SecretChange.Replace when !string.IsNullOrEmpty(form.NewSecret) => Secrets.Protect(form.NewSecret),
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
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return (0, Duplicate(await FindConflictAsync(fresh, form, cancellationToken) ?? form.Name.Trim()));
        }
        return (connection.Id, null);
    }

    /// <summary>The secret a test should use: the one being typed, none, or the stored one unprotected.</summary>
    public async Task<string?> SecretForTestAsync(ConnectionForm form, CancellationToken cancellationToken)
    {
        if (!form.UsesSecret) return null;
        switch (form.SecretChange)
        {
            case SecretChange.Replace: return string.IsNullOrEmpty(form.NewSecret) ? null : form.NewSecret;
            case SecretChange.Clear: return null;
        }
        if (form.Id == 0) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.Connections.Where(c => c.Id == form.Id).Select(c => c.Secret).FirstOrDefaultAsync(cancellationToken);
        return ConnectionSecrets.Reveal(Secrets, stored);
    }

    private static Task<string?> FindConflictAsync(EtlDbContext db, ConnectionForm form, CancellationToken cancellationToken)
    {
        var name = form.Name.Trim().ToLower();
        return db.Connections.Where(c => c.Id != form.Id && c.Name.ToLower() == name).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
    }

    private static string Duplicate(string name) => $"A connection named '{name}' already exists.";
}
