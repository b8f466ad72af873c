namespace EtlStudio.Web.Security;

/// <summary>Authorization policy names. Pages use <c>@attribute [Authorize(Policy = Policies.X)]</c>, endpoints
/// <c>.RequireAuthorization(Policies.X)</c>; buttons are hidden with AuthorizeView as a courtesy only.</summary>
public static class Policies
{
    /// <summary>Read anything (Viewer and up).</summary>
    public const string View = "View";
    /// <summary>Run now, cancel, replay (Operator and up).</summary>
    public const string Run = "Run";
    /// <summary>Edit groups, flows, mappings, triggers (Editor and up).</summary>
    public const string Edit = "Edit";
    /// <summary>Connections, users, Hangfire dashboard (Admin).</summary>
    public const string Admin = "Admin";
}
