namespace EtlStudio.Web.Components.Controls;

/// <summary>Log messages of the portal's event handlers: a failure is logged once, at the handler boundary, and the
/// user gets a message while the circuit stays usable.</summary>
internal static partial class PortalLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Portal action '{Action}' failed")]
    public static partial void HandlerFailed(ILogger logger, string action, Exception exception);
}
