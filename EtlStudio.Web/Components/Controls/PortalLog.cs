namespace EtlStudio.Web.Components.Controls;

/// <summary>Log messages of the portal's event handlers: a failure is logged once, at the handler boundary, and the
/// user gets a message while the circuit stays usable.</summary>
internal static partial class PortalLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Portal action '{Action}' failed")]
    public static partial void HandlerFailed(ILogger logger, string action, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal action '{Action}' refused: {User} does not pass policy {Policy}")]
    public static partial void ActionRefused(ILogger logger, string action, string policy, string user);
}
