using System.Collections.Concurrent;
using System.Net;
using System.Text;
using EtlStudio.Testing;

namespace EtlStudio.Runtime.Tests;

/// <summary>A loopback HTTP server whose answers the test decides; it records every request (method, path and query, body).</summary>
internal sealed class TestHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<HttpListenerRequest, string, CancellationToken, Task<(int Status, string Body)>> _answer;
    private readonly Task _loop;

    public TestHttpServer(Func<HttpListenerRequest, string, CancellationToken, Task<(int Status, string Body)>> answer)
    {
        _answer = answer;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public ConcurrentQueue<(string Method, string PathAndQuery, string Body)> Requests { get; } = new();

    /// <summary>Answers nothing until disposed (a source that hangs).</summary>
    public static TestHttpServer Hanging() => new(async (_, _, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        return (200, "");
    });

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue((context.Request.HttpMethod, context.Request.Url!.PathAndQuery, body));
            var (status, answer) = await _answer(context.Request, body, _stop.Token);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // The client went away (a cancelled run).
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
