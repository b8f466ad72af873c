using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;

namespace EtlStudio.Web.Tests;

public sealed class ConnectionSettingsTests
{
    public static TheoryData<ConnectionSettings> Every_kind() =>
    [
        new LocalFolderSettings("Samples"),
        new SqliteSettings("data/demo-warehouse.db"),
        new PostgreSqlSettings("db.example.com", "warehouse", "etl", 5433, "Require"),
        new SqlServerSettings("tcp:sql.example.net,1433", "dw", null, SqlServerAuthentication.ActiveDirectoryManagedIdentity),
        new OracleSettings("ora.example.com", "ORCLPDB1", "etl"),
        new HttpSettings(new Uri("https://api.example.com/v1/"), HttpAuthKind.ApiKeyHeader, "X-Api-Key"),
        new KafkaSettings("broker1:9092,broker2:9092", "SaslSsl", "Plain", "etl"),
        new AzureBlobSettings("incoming", new Uri("https://acct.blob.core.windows.net/")),
    ];

    [Theory]
    [MemberData(nameof(Every_kind))]
    public void Settings_round_trip_through_json_by_kind(ConnectionSettings settings) =>
        Assert.Equal(settings, ConnectionSettings.FromJson(settings.Kind, settings.ToJson()));

    [Fact]
    public void Enums_are_stored_by_name_and_properties_in_camel_case() =>
        Assert.Equal("""{"baseUrl":"https://api.example.com/","authKind":"Bearer","authName":null}""",
            new HttpSettings(new Uri("https://api.example.com/"), HttpAuthKind.Bearer).ToJson());

    [Fact]
    public void Empty_json_for_a_kind_is_an_error_naming_the_kind()
    {
        var ex = Assert.Throws<System.Text.Json.JsonException>(() => ConnectionSettings.FromJson(ConnectionKind.Kafka, "null"));
        Assert.Contains("Kafka", ex.Message);
    }
}
