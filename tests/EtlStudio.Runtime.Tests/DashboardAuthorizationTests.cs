using System.Net;
using System.Security.Claims;
using EtlStudio.Web.Scheduling;
using EtlStudio.Web.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Runtime.Tests;

public sealed class DashboardAuthorizationTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.2.3", false)]
    public async Task Without_the_Admin_policy_only_local_requests_get_in(string remote, bool allowed)
    {
        var context = Context(services => services.AddAuthorizationCore(), IPAddress.Parse(remote), new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Equal(allowed, await new DashboardAuthorization().AuthorizeAsync(context));
    }

    [Theory]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Operator, false)]
    public async Task With_the_Admin_policy_only_admins_get_in_even_from_the_machine_itself(string role, bool allowed)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u"), new Claim(ClaimTypes.Role, role)], "test"));
        var context = Context(services => services.AddAuthorizationCore(o => o.AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))),
            IPAddress.Loopback, user);

        Assert.Equal(allowed, await new DashboardAuthorization().AuthorizeAsync(context));
    }

    private static AspNetCoreDashboardContext Context(Action<IServiceCollection> configure, IPAddress remote, ClaimsPrincipal user)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        configure(services);
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider(), User = user };
        http.Connection.RemoteIpAddress = remote;
        http.Connection.LocalIpAddress = IPAddress.Parse("10.9.9.9");
        return new AspNetCoreDashboardContext(new NoStorage(), new DashboardOptions(), http);
    }

    private sealed class NoStorage : JobStorage
    {
        public override Hangfire.Storage.IMonitoringApi GetMonitoringApi() => throw new NotSupportedException();
        public override Hangfire.Storage.IStorageConnection GetConnection() => throw new NotSupportedException();
    }
}
