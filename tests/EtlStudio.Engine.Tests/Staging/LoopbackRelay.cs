using System.Net;
using System.Net.Sockets;

namespace EtlStudio.Engine.Tests.Staging;

/// <summary>Forwards connections on a loopback port to another one: a storage endpoint that is unreachable (nothing
/// listens on <see cref="Port"/>) until <see cref="Start"/>, and reachable after it.</summary>
internal sealed class LoopbackRelay(int target) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public int Port { get; } = EtlStudio.Testing.FreePort.Next();

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _accepting = AcceptAsync(_listener, _stop.Token);
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        var pipes = new List<Task>();
        try
        {
            while (true) pipes.Add(RelayAsync(await listener.AcceptTcpClientAsync(cancellationToken), cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(pipes);
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, target, cancellationToken);
                var a = client.GetStream();
                var b = server.GetStream();
                // Either side closing ends the pair.
                await Task.WhenAny(a.CopyToAsync(b, cancellationToken), b.CopyToAsync(a, cancellationToken));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
