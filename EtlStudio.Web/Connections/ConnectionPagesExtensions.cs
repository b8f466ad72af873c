namespace EtlStudio.Web.Connections;

/// <summary>Services of the connection pages: the store and the probes behind "Test connection".</summary>
internal static class ConnectionPagesExtensions
{
    public static IServiceCollection AddConnectionPages(this IServiceCollection services)
    {
        services.AddScoped<ConnectionStore>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<KafkaProbe>();
        services.AddSingleton<BlobProbe>();
        services.AddSingleton<HttpProbe>();
        services.AddSingleton<ConnectionTester>();
        // No retries and a short timeout: the tester reports the first failure as it is.
        services.AddHttpClient(HttpProbe.ClientName, c => c.Timeout = TimeSpan.FromSeconds(8));
        return services;
    }
}
