namespace EtlStudio.Web.Security;

/// <summary>Roles (local accounts or Entra ID app roles). Each role includes the rights of those below it:
/// Admin ⊃ Editor ⊃ Operator ⊃ Viewer.</summary>
public static class Roles
{
    /// <summary>Everything, connections and users included.</summary>
    public const string Admin = "Admin";
    /// <summary>Groups, flows, mappings, triggers.</summary>
    public const string Editor = "Editor";
    /// <summary>Run now, cancel, replay.</summary>
    public const string Operator = "Operator";
    /// <summary>Read only.</summary>
    public const string Viewer = "Viewer";
}
