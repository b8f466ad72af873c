namespace EtlStudio.Web.Connections;

/// <summary>Tries a connection for real (open and <c>SELECT 1</c>, HTTP request, Kafka metadata, container exists,
/// folder exists, SFTP host key and folder) under a server-side time limit, so a black-holed host cannot hang the page.</summary>
internal sealed partial class ConnectionTester(
    DatabaseProbe databases, HttpProbe http, KafkaProbe kafka, BlobProbe blobs, SftpProbe sftp, IHostEnvironment environment, ILogger<ConnectionTester> logger)
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <param name="topic">Kafka only: a topic that must exist (optional).</param>
    public async Task<ConnectionTestResult> TestAsync(ConnectionSettings settings, string? secret, string? topic, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            return settings switch
            {
                LocalFolderSettings folder => Folder(folder),
                HttpSettings h => await http.TestAsync(h, secret, limit.Token),
                KafkaSettings k => await kafka.TestAsync(k, secret, topic, limit.Token),
                AzureBlobSettings b => await blobs.TestAsync(b, secret, limit.Token),
                SftpSettings s => await sftp.TestAsync(s, secret, limit.Token),
                _ => await databases.TestAsync(settings, secret, limit.Token),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ConnectionTestResult.Failed($"No answer within {Limit.TotalSeconds:0} seconds from {settings.Summary}: the host is unreachable or a firewall drops the traffic.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A probe that meets something unforeseen still answers the user; the details go to the log.
            LogUnexpected(logger, settings.Kind.ToString(), ex);
            return ConnectionTestResult.Failed($"The test failed: {ex.Message}");
        }
    }

    private ConnectionTestResult Folder(LocalFolderSettings settings)
    {
        var path = Path.GetFullPath(settings.Path, environment.ContentRootPath);
        if (!Directory.Exists(path)) return ConnectionTestResult.Failed($"Folder missing: {path} does not exist (or the app cannot see it).");
        var files = Directory.EnumerateFiles(path).Take(10_001).Count();
        return ConnectionTestResult.Ok($"Folder {path} exists with {(files > 10_000 ? "more than 10,000" : files.ToString(System.Globalization.CultureInfo.InvariantCulture))} file(s).");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Testing a {Kind} connection failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string kind, Exception exception);
}
