using Microsoft.Extensions.Logging;

namespace EtlStudio.Engine.Sources;

/// <summary>Log messages of the sources. URLs are logged redacted; connection strings never.</summary>
internal static partial class SourceLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning,
        Message = "Request to {Url} failed ({Reason}); attempt {Attempt} in {Delay}")]
    public static partial void HttpRetrying(this ILogger logger, string url, string reason, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Debug, Message = "Fetched page {Page} from {Url}")]
    public static partial void HttpPageFetched(this ILogger logger, int page, string url);
}
