using EtlStudio.Data;
using EtlStudio.Web.Components;
using EtlStudio.Web.Security;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.AddEtlStudioData();
builder.AddSecurity();
builder.Services.AddMudServices();
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

var app = builder.Build();
await app.Services.InitializeEtlStudioDatabaseAsync();

// Configure the HTTP request pipeline.
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseHttpsRedirection();

app.UseSecurity();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapSecurityEndpoints();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
