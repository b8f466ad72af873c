using EtlStudio.Web.Security;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace EtlStudio.Web.Scheduling;

/// <summary>Lets into <c>/hangfire</c> whoever the ASP.NET Core policy <see cref="Policies.Admin"/> allows. Until that
/// policy is registered (by the security set-up) only requests from the machine itself get in, which is Hangfire's own
/// default, so the dashboard is never open to the network by accident.</summary>
internal sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var policies = http.RequestServices.GetRequiredService<IAuthorizationPolicyProvider>();
        if (await policies.GetPolicyAsync(Policies.Admin) is null)
        {
            return http.Connection.RemoteIpAddress is { } remote && (System.Net.IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress));
        }
        var result = await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, Policies.Admin);
        return result.Succeeded;
    }
}
