using System.Data.Common;
using System.Net.Sockets;
using EtlStudio.Engine;

namespace EtlStudio.Web.Jobs;

/// <summary>Which failures a retry may fix: an unreachable database or API, a timeout. Bad data (an
/// <see cref="EtlDataException"/>) never is.</summary>
internal static class TransientFailures
{
    public static bool IsTransient(Exception? error) => error switch
    {
        null or EtlDataException or OperationCanceledException { CancellationToken.IsCancellationRequested: true } => false,
        DbException db => db.IsTransient || IsTransient(db.InnerException),
        HttpRequestException or TimeoutException or SocketException or IOException => true,
        // HttpClient's own timeout surfaces as a cancellation nobody asked for.
        TaskCanceledException { InnerException: TimeoutException } => true,
        Azure.RequestFailedException azure => azure.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransient),
        _ => IsTransient(error.InnerException),
    };
}
