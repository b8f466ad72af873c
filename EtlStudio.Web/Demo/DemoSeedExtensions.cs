using Microsoft.Extensions.Options;

namespace EtlStudio.Web.Demo;

internal static class DemoSeedExtensions
{
    public static IHostApplicationBuilder AddDemoSeed(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddSingleton<DemoSeeder>();
        return builder;
    }

    /// <summary>Start-up step, after the database exists: seeds the demo when <c>Demo:Seed</c> is on.</summary>
    public static async Task SeedDemoAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (!services.GetRequiredService<IOptions<DemoOptions>>().Value.Seed) return;
        await services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
    }
}
