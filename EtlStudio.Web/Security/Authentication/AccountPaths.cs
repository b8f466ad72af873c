namespace EtlStudio.Web.Security.Authentication;

/// <summary>Paths of the account pages.</summary>
public static class AccountPaths
{
    /// <summary>Sign-in page.</summary>
    public const string Login = "/account/login";
    /// <summary>Sign-out (POST).</summary>
    public const string Logout = "/account/logout";
    /// <summary>Shown when a signed-in user lacks the role.</summary>
    public const string AccessDenied = "/account/access-denied";
    /// <summary>First-run page that creates the first Admin; gone once a user exists.</summary>
    public const string Setup = "/setup";
    /// <summary>User management (Admin).</summary>
    public const string Users = "/account/users";
}
