using EtlStudio.Data;
using EtlStudio.Web.Security;
using EtlStudio.Web.Security.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EtlStudio.Benchmarks.EndToEnd;

/// <summary>An Admin with an API key in the configuration database, made through the app's own user administration
/// (what an admin does on the Users page), so the benchmark calls the API as a script would.</summary>
internal static class ApiUser
{
    public static async Task<string> CreateAdminKeyAsync(ConfigDatabase config, string folder, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = config.Provider,
            ["Database:ConnectionString"] = config.ConnectionString,
            ["DataProtection:KeysFolder"] = Path.Combine(folder, "keys"),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.AddEtlStudioData();
        builder.AddSecurity();
        using var host = builder.Build();
        await host.Services.InitializeEtlStudioDatabaseAsync(cancellationToken);
        var users = host.Services.GetRequiredService<UserAdministration>();
        const string Email = "bench@example.test";
        var created = await users.CreateAsync(Email, "Benchmark-Only-" + Guid.NewGuid().ToString("N"), Roles.Admin);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        var user = (await users.ListAsync(cancellationToken)).Single(u => u.Email == Email);
        return await users.IssueApiKeyAsync(user.Id);
    }
}
