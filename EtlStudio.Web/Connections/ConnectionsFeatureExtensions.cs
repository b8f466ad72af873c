namespace EtlStudio.Web.Connections;

/// <summary>Services of the Connections feature: its one write path and the probes behind "Test connection".</summary>
internal static class ConnectionsFeatureExtensions
{
    public static IServiceCollection AddConnectionsFeature(this IServiceCollection services)
    {
        services.AddScoped<ConnectionService>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<KafkaProbe>();
        services.AddSingleton<BlobProbe>();
        services.AddSingleton<SftpProbe>();
        services.AddSingleton<HttpProbe>();
        services.AddSingleton<ConnectionTester>();
        // No retries and a short timeout: the tester reports the first failure as it is.
        services.AddHttpClient(HttpProbe.ClientName, c => c.Timeout = TimeSpan.FromSeconds(8));
        return services;
    }
}
