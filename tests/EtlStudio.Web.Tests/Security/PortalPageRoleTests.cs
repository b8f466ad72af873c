using EtlStudio.Web.Components;
using EtlStudio.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EtlStudio.Web.Tests.Security;

/// <summary>Navigation inside the portal (the router's AuthorizeRouteView): each role reaches the pages its policies
/// allow and gets the "Access denied" page for the others.</summary>
public sealed class PortalPageRoleTests : PortalContext
{
    // The page → policy table of Security/README.md, written out here so that a page losing its attribute fails.
    private static readonly (string Path, string Policy, string Heading)[] Pages =
    [
        ("", Policies.View, "Dashboard"),
        ("groups", Policies.View, "Groups"),
        ("groups/new", Policies.Edit, "New group"),
        ("flows", Policies.View, "Flows"),
        ("flows/new", Policies.Edit, "New flow"),
        ("runs", Policies.View, "Runs"),
        ("connections", Policies.Admin, "Connections"),
        ("connections/new", Policies.Admin, "New connection"),
    ];

    [Theory]
    [InlineData(Roles.Viewer, "View")]
    [InlineData(Roles.Operator, "View,Run")]
    [InlineData(Roles.Editor, "View,Run,Edit")]
    [InlineData(Roles.Admin, "View,Run,Edit,Admin")]
    public void Each_role_opens_exactly_the_pages_its_policies_allow(string role, string policies)
    {
        SignInAs(role);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<Routes>();

        foreach (var (path, policy, heading) in Pages)
        {
            navigation.NavigateTo(path);
            if (policies.Split(',').Contains(policy))
            {
                cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("h4"), h => h.TextContent.Trim() == heading), TimeSpan.FromSeconds(5));
                Assert.DoesNotContain("Access denied", cut.Markup, StringComparison.Ordinal);
            }
            else
            {
                cut.WaitForAssertion(() => Assert.Equal("Access denied", cut.Find("h1").TextContent.Trim()), TimeSpan.FromSeconds(5));
                Assert.Contains("You do not have access to this page", cut.Find("[role='alert']").TextContent, StringComparison.Ordinal);
                Assert.DoesNotContain(cut.FindAll("h4"), h => h.TextContent.Trim() == heading);
            }
        }
    }
}
