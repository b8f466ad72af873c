using System.Security.Claims;
using System.Text.Encodings.Web;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Signs a request in as the user whose API key is in the <c>X-Api-Key</c> header, with that user's roles
/// (<see cref="ApiKeyClaims"/>: built once per security stamp).</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<EtlDbContext> contexts,
    IUserClaimsPrincipalFactory<EtlUser> principals,
    ApiKeyClaims claims) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.Header, out var values) || values.ToString() is not { Length: > 0 } key)
        {
            return AuthenticateResult.NoResult();
        }
        var hash = ApiKeys.Hash(key);
        EtlUser? user;
        await using (var db = await contexts.CreateDbContextAsync(Context.RequestAborted))
        {
            user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.ApiKeyHash == hash, Context.RequestAborted);
        }
        if (user is null) return AuthenticateResult.Fail("Unknown API key");
        if (user.LockoutEnabled && user.LockoutEnd > DateTimeOffset.UtcNow) return AuthenticateResult.Fail("The key's user is locked out");
        var identity = new ClaimsIdentity(await claims.ForAsync(user, principals), SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"ApiKey header=\"{ApiKeys.Header}\"";
        return Task.CompletedTask;
    }
}
