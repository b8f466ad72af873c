using System.Collections.Concurrent;
using System.Net;
using EtlStudio.Testing;
using EtlStudio.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Observability;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, spans of requests reach an OTLP/HTTP receiver (a listener on
/// loopback standing in for a collector).</summary>
public sealed class OtlpExportTests : IDisposable
{
    private readonly HttpListener _collector = new();
    private readonly ConcurrentQueue<string> _received = new();
    private readonly int _port = FreePort.Next();

    public OtlpExportTests()
    {
        _collector.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _collector.Start();
        _ = ReceiveAsync();
    }

    [Fact]
    public async Task Request_spans_are_exported_over_otlp_when_the_endpoint_is_set()
    {
        await using var host = new EtlStudioHost(web =>
        {
            web.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{_port}");
            web.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        });
        using var client = host.Browser();
        using var response = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));

        Assert.Contains("/v1/traces", _received);
    }

    private async Task ReceiveAsync()
    {
        while (_collector.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _collector.GetContextAsync();
            }
            catch (HttpListenerException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _received.Enqueue(context.Request.Url!.AbsolutePath);
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose() => _collector.Close();
}
