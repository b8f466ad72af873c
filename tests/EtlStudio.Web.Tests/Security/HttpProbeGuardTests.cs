using EtlStudio.Web.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using TestContext = Xunit.TestContext;

namespace EtlStudio.Web.Tests.Security;

/// <summary>"Test connection" of an HTTP connection goes through the SSRF guard like the HTTP sources: a real loopback
/// listener stands in for the internal service.</summary>
public sealed class HttpProbeGuardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Test_of_a_loopback_url_is_refused_with_the_reason_and_nothing_reaches_the_listener()
    {
        await using var listener = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("internal", Ct), Ct);
        await using var host = new EtlStudioHost();

        var result = await host.Services.GetRequiredService<ConnectionTester>().TestAsync(new HttpSettings(listener.Url), null, null, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("Not allowed: refused to connect to 127.0.0.1 (127.0.0.1): loopback address (this machine). Add the host or its network " +
                     "to the HTTP allow-list (Security:HttpAllowList) if this source is meant to reach it.", result.Message);
        Assert.Empty(listener.Requests);
    }

    [Fact]
    public async Task Test_of_an_allowed_host_reports_the_status_it_answered()
    {
        await using var listener = await LoopbackServer.StartAsync(_ => Task.CompletedTask, Ct);
        await using var host = new EtlStudioHost(web => web.UseSetting("Security:HttpAllowList:0", $"127.0.0.1:{listener.Port}"));

        var result = await host.Services.GetRequiredService<ConnectionTester>().TestAsync(new HttpSettings(listener.Url), null, null, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal($"HEAD {listener.Url} answered HTTP 200 OK.", result.Message);
        Assert.Equal(["HEAD /"], listener.Requests);
    }

    [Fact]
    public async Task Redirect_from_an_allowed_host_to_a_refused_one_is_checked_and_refused()
    {
        await using var target = await LoopbackServer.StartAsync(context => context.Response.WriteAsync("internal", Ct), Ct);
        await using var redirector = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Redirect($"http://127.0.0.1:{target.Port}/admin");
            return Task.CompletedTask;
        }, Ct);
        // The allow-list names the redirector's port only: the same address on the target's port stays refused.
        await using var host = new EtlStudioHost(web => web.UseSetting("Security:HttpAllowList:0", $"127.0.0.1:{redirector.Port}"));

        var result = await host.Services.GetRequiredService<ConnectionTester>().TestAsync(new HttpSettings(redirector.Url), null, null, Ct);

        Assert.False(result.Succeeded);
        Assert.StartsWith("Not allowed: refused to connect to 127.0.0.1 (127.0.0.1): loopback address", result.Message, StringComparison.Ordinal);
        Assert.Equal(["HEAD /"], redirector.Requests);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task Redirect_to_another_allowed_host_is_followed_and_said()
    {
        await using var target = await LoopbackServer.StartAsync(_ => Task.CompletedTask, Ct);
        await using var redirector = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Redirect($"http://127.0.0.1:{target.Port}/moved");
            return Task.CompletedTask;
        }, Ct);
        await using var host = new EtlStudioHost(web => web.UseSetting("Security:HttpAllowList:0", "127.0.0.1"));

        var result = await host.Services.GetRequiredService<ConnectionTester>().TestAsync(new HttpSettings(redirector.Url), null, null, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal($"HEAD {redirector.Url} answered HTTP 200 OK after a redirect to http://127.0.0.1:{target.Port}/moved.", result.Message);
        Assert.Equal(["HEAD /moved"], target.Requests);
    }
}
