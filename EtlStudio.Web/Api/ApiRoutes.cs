using EtlStudio.Web.Security;

namespace EtlStudio.Web.Api;

/// <summary>A resource's routes by right: <see cref="Read"/> for viewers (or the given read policy), <see cref="Write"/>
/// for the resource's editors, <see cref="Run"/> for operators (run now, cancel, replay).</summary>
internal sealed record ApiRoutes(RouteGroupBuilder Read, RouteGroupBuilder Write, RouteGroupBuilder Run)
{
    public static ApiRoutes For(IEndpointRouteBuilder api, string prefix, string tag, string writePolicy, string readPolicy = Policies.View)
    {
        var resource = api.MapGroup(prefix).WithTags(tag);
        return new(resource.MapGroup("").RequireAuthorization(readPolicy), resource.MapGroup("").RequireAuthorization(writePolicy),
            resource.MapGroup("").RequireAuthorization(Policies.Run));
    }
}
