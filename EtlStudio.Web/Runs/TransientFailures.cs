using System.Data.Common;
using System.Net.Sockets;
using EtlStudio.Engine;

namespace EtlStudio.Web.Runs;

/// <summary>Which failures a retry may fix: an unreachable database or API, a timeout. Bad data (an
/// <see cref="EtlDataException"/>) never is, nor a full disk or a refused permission anywhere in the chain: waiting
/// 40 s does not free a disk or grant a right, and the retries would only fill the log.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception? error) => !IsPermanent(error) && IsRetryable(error);

    private static bool IsRetryable(Exception? error) => error switch
    {
        null or EtlDataException or OperationCanceledException { CancellationToken.IsCancellationRequested: true } => false,
        DbException db => db.IsTransient || IsRetryable(db.InnerException),
        HttpRequestException or TimeoutException or SocketException or IOException => true,
        // HttpClient's own timeout surfaces as a cancellation nobody asked for.
        TaskCanceledException { InnerException: TimeoutException } => true,
        Azure.RequestFailedException azure => azure.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsRetryable),
        _ => IsRetryable(error.InnerException),
    };

    /// <summary>A full disk or a refused permission, in <paramref name="error"/> or any exception it wraps.</summary>
    internal static bool IsPermanent(Exception? error) => error switch
    {
        null => false,
        UnauthorizedAccessException => true,
        IOException io when IsDiskFull(io.HResult) || IsDenied(io.HResult) => true,
        // PostgreSQL's disk_full (53100) is transient to Npgsql; the destination's disk stays full for a retry too.
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DiskFull } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsPermanent),
        _ => IsPermanent(error.InnerException),
    };

    // On Unix .NET puts the errno in HResult; on Windows, the Win32 error as an HRESULT (0x8007xxxx).
    private const int Enospc = 28, Edquot = 122, Eacces = 13, Eperm = 1, Erofs = 30;
    private const int ErrorDiskFull = unchecked((int)0x80070070), ErrorHandleDiskFull = unchecked((int)0x80070027);
    private const int ErrorAccessDenied = unchecked((int)0x80070005), ErrorWriteProtect = unchecked((int)0x80070013);

    private static bool IsDiskFull(int hresult) => OperatingSystem.IsWindows()
        ? hresult is ErrorDiskFull or ErrorHandleDiskFull
        : hresult == Enospc || (OperatingSystem.IsLinux() && hresult == Edquot);

    private static bool IsDenied(int hresult) => OperatingSystem.IsWindows()
        ? hresult is ErrorAccessDenied or ErrorWriteProtect
        : hresult is Eacces or Eperm or Erofs;
}
