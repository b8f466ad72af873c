using HangfireLog = Hangfire.Logging;

namespace EtlStudio.Web.Scheduling;

/// <summary>Hangfire's logging into the host's <see cref="ILoggerFactory"/>. Hangfire keeps its log provider in a
/// process-wide static; when several hosts share a process (test servers) and one stops, its disposed factory must not
/// break the others' job servers, so a disposed factory makes this log nothing instead of throwing.</summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : HangfireLog.ILogProvider
{
    public HangfireLog.ILog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : HangfireLog.ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLog.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                var logger = _logger ??= factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
#pragma warning disable CA1848, CA2254 // Hangfire hands over finished messages; there is no template to source-generate.
                logger.Log(level, 0, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static LogLevel Map(HangfireLog.LogLevel level) => level switch
        {
            HangfireLog.LogLevel.Trace => LogLevel.Trace,
            HangfireLog.LogLevel.Debug => LogLevel.Debug,
            HangfireLog.LogLevel.Info => LogLevel.Information,
            HangfireLog.LogLevel.Warn => LogLevel.Warning,
            HangfireLog.LogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
