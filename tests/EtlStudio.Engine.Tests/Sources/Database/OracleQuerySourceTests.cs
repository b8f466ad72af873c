using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Database;

public sealed class OracleQuerySourceTests
{
    [Fact]
    public async Task Without_the_Oracle_provider_the_error_says_what_the_deployment_must_add()
    {
        var factory = new SourceFactory(new HttpClient());

        var error = await Assert.ThrowsAsync<EtlDataException>(() => factory.OpenQueryAsync(new DatabaseSourceDefinition
        {
            Provider = DatabaseProvider.Oracle,
            ConnectionString = "Data Source=db:1521/ORCL;User Id=etl;Password=secret",
            Query = "SELECT 1 FROM dual",
        }, TestContext.Current.CancellationToken));

        Assert.Contains("Oracle.ManagedDataAccess.Core", error.Message, StringComparison.Ordinal);
        Assert.Contains("DbProviderFactories.RegisterFactory(\"Oracle.ManagedDataAccess.Client\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }
}
