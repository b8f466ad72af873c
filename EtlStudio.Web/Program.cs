using EtlStudio.Data;
using EtlStudio.Web.Api;
using EtlStudio.Web.Components;
using EtlStudio.Web.Demo;
using EtlStudio.Web.Hosting;
using EtlStudio.Web.Observability;
using EtlStudio.Web.Security;
using EtlStudio.Web.Triggers;

var builder = WebApplication.CreateBuilder(AppContentRoot.Options(args));
// Outside Development the host ignores the build's static web assets manifest, so the build output (dotnet run -c
// Release, the built dll) served no MudBlazor, blazor.web.js or scoped CSS; published output has no manifest and
// serves wwwroot as before.
builder.WebHost.UseStaticWebAssets();

builder.AddEtlStudioData();
builder.AddSecurity();
builder.AddObservability();
builder.AddPortal();
builder.AddEtlApi();
builder.AddDemoSeed();
builder.AddKafkaTriggers();
builder.AddRuntime();

var app = builder.Build();

app.MapPortal();
app.MapObservability();
app.MapRuntime();
app.MapEtlApi();

return await app.RunCheckedAsync(async services =>
{
    await services.InitializeEtlStudioDatabaseAsync();
    await services.SeedDemoAsync();
});

/// <summary>Entry point; public so test hosts (WebApplicationFactory) can reference it.</summary>
public partial class Program;
