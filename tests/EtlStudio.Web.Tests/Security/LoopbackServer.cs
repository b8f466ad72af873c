using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Web.Tests.Security;

/// <summary>A real Kestrel listener on 127.0.0.1 (a free port) that records every request it receives and answers
/// with a given handler: the internal service an SSRF would reach.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Method and path of every request received, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary><c>http://127.0.0.1:port</c>.</summary>
    public Uri Url { get; private set; } = null!;

    public int Port => Url.Port;

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> respond, CancellationToken cancellationToken)
    {
        var server = new LoopbackServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Run(async context =>
        {
            server.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await respond(context);
        });
        await app.StartAsync(cancellationToken);
        server._app = app;
        server.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }
}
