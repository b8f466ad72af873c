using EtlStudio.Data;
using EtlStudio.Web.Components;
using EtlStudio.Web.Demo;
using EtlStudio.Web.Hosting;
using EtlStudio.Web.Kafka;

var builder = WebApplication.CreateBuilder(args);

builder.AddEtlStudioData();
builder.AddPortal();
builder.AddDemoSeed();
builder.AddKafkaTriggers();

var app = builder.Build();

app.MapPortal();

return await app.RunCheckedAsync(async services =>
{
    await services.InitializeEtlStudioDatabaseAsync();
    await services.SeedDemoAsync();
});

/// <summary>Entry point; public so test hosts (WebApplicationFactory) can reference it.</summary>
public partial class Program;
