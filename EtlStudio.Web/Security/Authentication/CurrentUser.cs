using System.Security.Claims;

namespace EtlStudio.Web.Security.Authentication;

/// <summary>Who is acting, for the audit log and run records: the signed-in user of the request or of the Blazor
/// circuit, or <c>system</c> for schedules, jobs and Kafka triggers.</summary>
/// <remarks>In an interactive circuit there is no current HTTP request; <see cref="CircuitUserTracker"/> puts the
/// circuit's user in an async-local for the duration of each event, the pattern documented for reaching circuit
/// services from singletons (https://learn.microsoft.com/aspnet/core/blazor/fundamentals/dependency-injection#access-server-side-blazor-services-from-a-different-di-scope).</remarks>
public sealed class CurrentUser(IHttpContextAccessor http)
{
    /// <summary>The name recorded when nobody is signed in (background work).</summary>
    public const string System = "system";

    private static readonly AsyncLocal<ClaimsPrincipal?> CircuitUser = new();
    private static readonly AsyncLocal<string?> Background = new();

    /// <summary>The signed-in principal, or null.</summary>
    public ClaimsPrincipal? Principal =>
        CircuitUser.Value is { Identity.IsAuthenticated: true } circuit ? circuit
        : http.HttpContext?.User is { Identity.IsAuthenticated: true } request ? request
        : null;

    /// <summary>The user's name (Entra ID: preferred_username); when nobody is signed in, the background actor of
    /// <see cref="ActAs"/> (a schedule, a Kafka topic), else <see cref="System"/>.</summary>
    public string Name => Principal is { } p ? p.FindFirstValue("preferred_username") ?? p.Identity?.Name ?? "unknown" : Background.Value ?? System;

    /// <summary>Names the system actor of background work (e.g. <c>schedule 2027-01-15 02:00:00Z</c>, <c>kafka:orders</c>)
    /// until the returned scope is disposed. A signed-in user still wins: the name is only used when nobody is.</summary>
    public static IDisposable ActAs(string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var previous = Background.Value;
        Background.Value = actor;
        return new ActorScope(previous);
    }

    private sealed class ActorScope(string? previous) : IDisposable
    {
        public void Dispose() => Background.Value = previous;
    }

    internal static void SetCircuitUser(ClaimsPrincipal? user) => CircuitUser.Value = user;
}
