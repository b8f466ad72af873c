using EtlStudio.Data.Entities;
using EtlStudio.Engine;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using EtlStudio.Web.Flows;
using EtlStudio.Web.Security;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace EtlStudio.Runtime.Tests;

public sealed class FlowDefinitionFactoryTests
{
    private static readonly FlowDefinitionFactory Factory = new(null!, new TestEnvironment("/srv/etl"), new ReversingSecrets());

    [Fact]
    public void A_database_flow_gets_connection_strings_with_the_unprotected_secret_columns_in_order_and_load_settings()
    {
        var flow = Flow(Connection(new PostgreSqlSettings("db.local", "sales", "etl", 5433, "Require"), Protect("p;w\"d")),
            Connection(new SqlServerSettings("sql.local", "dw", "loader"), Protect("s3cret")), f =>
            {
                f.SourceQuery = "SELECT * FROM orders";
                f.DestinationTable = "dbo.orders";
                f.LoadMode = LoadMode.Upsert;
                f.KeyColumns = "id, region";
                f.RejectThresholdPercent = 5;
            });

        var definition = Factory.Create(flow);

        var source = Assert.IsType<DatabaseSourceDefinition>(definition.Source);
        var pg = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        Assert.Equal(("db.local", 5433, "sales", "etl", "p;w\"d", SslMode.Require), (pg.Host, pg.Port, pg.Database, pg.Username, pg.Password, pg.SslMode));
        Assert.Empty(source.Parameters);
        var sql = new SqlConnectionStringBuilder(definition.Destination.ConnectionString);
        Assert.Equal(("sql.local", "dw", "loader", "s3cret"), (sql.DataSource, sql.InitialCatalog, sql.UserID, sql.Password));
        Assert.Equal((DatabaseProvider.SqlServer, "dbo.orders", LoadMode.Upsert), (definition.Destination.Provider, definition.Destination.Table, definition.Destination.Mode));
        Assert.Equal(["id", "region"], definition.Destination.KeyColumns);
        Assert.Equal(["b", "a"], definition.Columns.Select(c => c.TargetColumn));
        Assert.Equal(new RejectThreshold(null, 5), definition.RejectThreshold);
    }

    [Fact]
    public void A_cursor_becomes_a_typed_query_parameter_with_the_type_minimum_before_the_first_run()
    {
        var flow = Flow(Connection(new SqliteSettings("data/src.db")), Connection(new SqliteSettings("data/dst.db")), f =>
        {
            f.SourceQuery = "SELECT * FROM t WHERE b > @cursor";
            f.CursorField = "B";
            f.Columns.First(c => c.TargetColumn == "b").TargetType = ColumnType.DateTime;
        });

        var initial = Assert.IsType<DatabaseSourceDefinition>(Factory.Create(flow).Source);
        flow.CursorValue = "2026-11-25T08:00:00.0000000";
        var next = Assert.IsType<DatabaseSourceDefinition>(Factory.Create(flow).Source);

        Assert.Equal(new DateTime(1753, 1, 1), initial.Parameters["cursor"]);
        Assert.Equal(new DateTime(2026, 11, 25, 8, 0, 0), next.Parameters["cursor"]);
        Assert.Equal("Data Source=/srv/etl/data/src.db", initial.ConnectionString);
    }

    [Fact]
    public void File_HTTP_and_blob_sources_resolve_paths_urls_auth_and_settings()
    {
        var folder = Factory.Create(Flow(Connection(new LocalFolderSettings("in")), Sqlite(), f => f.SourcePath = "*.csv"));
        var http = Factory.Create(Flow(Connection(new HttpSettings(new Uri("https://api.test/v1"), HttpAuthKind.Bearer)), Sqlite(), f =>
        {
            f.SourcePath = "orders?since={cursor}";
            f.CursorValue = "2026-01-01 10:00";
            f.HttpHeaders = """{"X-Tenant": "7"}""";
            f.HttpPagination = """{"kind": "PageNumber", "pageSize": 50}""";
            f.ParseFormat = ParseFormat.Json;
            f.ParseOptions = """{"recordsPath": "data.items"}""";
        }));
        var blob = Factory.Create(Flow(Connection(new AzureBlobSettings("raw", new Uri("https://acct.blob.core.windows.net/")), Protect("a2V5")), Sqlite()));

        Assert.Equal(new FileSourceDefinition { Location = "/srv/etl/in", Pattern = "*.csv" }, folder.Source);
        var source = Assert.IsType<HttpSourceDefinition>(http.Source);
        Assert.Equal("https://api.test/v1/orders?since=2026-01-01%2010%3A00", source.Url.AbsoluteUri);
        Assert.Equal(new HttpAuth(HttpAuthKind.Bearer, null, null), source.Auth);
        Assert.Equal("7", source.Headers["X-Tenant"]);
        Assert.Equal((PaginationKind.PageNumber, 50), (source.Pagination.Kind, source.Pagination.PageSize));
        Assert.Equal((ParseFormat.Json, "data.items"), (http.Parse.Format, http.Parse.RecordsPath));
        var files = Assert.IsType<FileSourceDefinition>(blob.Source);
        Assert.Equal("raw", files.Location);
        Assert.Contains("AccountName=acct;AccountKey=a2V5", files.BlobConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void The_flow_load_lanes_become_the_definition_load_parallelism_and_an_untouched_flow_gets_the_default()
    {
        var three = Factory.Create(Flow(Connection(new SqliteSettings("a.db")), Sqlite(), f => { f.SourceQuery = "SELECT 1"; f.LoadParallelism = 3; }));
        var untouched = Factory.Create(Flow(Connection(new SqliteSettings("a.db")), Sqlite(), f => f.SourceQuery = "SELECT 1"));

        Assert.Equal(3, three.LoadParallelism);
        Assert.Equal(2, untouched.LoadParallelism);
    }

    [Fact]
    public void Configuration_problems_are_data_errors_that_name_the_flow()
    {
        var noQuery = Flow(Connection(new SqliteSettings("a.db")), Sqlite());
        var noColumns = Flow(Connection(new SqliteSettings("a.db")), Sqlite(), f => { f.SourceQuery = "SELECT 1"; f.Columns.Clear(); });
        var badCursor = Flow(Connection(new SqliteSettings("a.db")), Sqlite(), f => { f.SourceQuery = "SELECT 1"; f.CursorField = "nope"; });

        Assert.Equal("flow 'f' has no source query", Assert.Throws<EtlDataException>(() => Factory.Create(noQuery)).Message);
        Assert.Equal("flow 'f' has no column mappings", Assert.Throws<EtlDataException>(() => Factory.Create(noColumns)).Message);
        Assert.Equal("flow 'f' cursor field 'nope' is not one of its target columns", Assert.Throws<EtlDataException>(() => Factory.Create(badCursor)).Message);
    }

    [Fact]
    public void A_draft_without_columns_gets_its_source_from_the_beginning_with_a_short_timeout_and_the_secret()
    {
        var draft = Flow(Connection(new PostgreSqlSettings("db.local", "sales", "etl", 5433, "Require"), Protect("s3cret")), Sqlite(), f =>
        {
            f.SourceQuery = "SELECT * FROM t WHERE b > @cursor";
            f.CursorField = "b";
            f.CursorValue = "not even a date";
            f.Columns.Clear();
        });

        var source = Assert.IsType<DatabaseSourceDefinition>(Factory.Source(draft, FlowDefinitionMode.Draft));
        var destination = Factory.Destination(draft, FlowDefinitionMode.Draft);

        Assert.Null(source.Parameters["cursor"]);
        Assert.Equal(30, source.CommandTimeoutSeconds);
        Assert.Equal(30, destination.CommandTimeoutSeconds);
        Assert.Equal("s3cret", new NpgsqlConnectionStringBuilder(source.ConnectionString).Password);
        Assert.Equal("flow 'f' has no column mappings", Assert.Throws<EtlDataException>(() => Factory.Create(draft)).Message);
    }

    [Fact]
    public void A_draft_says_what_to_do_where_a_run_names_the_flow()
    {
        var draft = Flow(Connection(new SqliteSettings("a.db")), Sqlite(), f => { f.SourceConnection = null; f.DestinationTable = null; });
        var kafka = Flow(Connection(new KafkaSettings("kafka:9092")), Sqlite());

        Assert.Equal("pick a source connection first", Assert.Throws<EtlDataException>(() => Factory.Source(draft, FlowDefinitionMode.Draft)).Message);
        Assert.Equal("flow 'f' has no source connection", Assert.Throws<EtlDataException>(() => Factory.Source(draft, FlowDefinitionMode.Run)).Message);
        Assert.Equal("enter the destination table first", Assert.Throws<EtlDataException>(() => Factory.Destination(draft, FlowDefinitionMode.Draft)).Message);
        Assert.StartsWith("a Kafka topic cannot be sampled", Assert.Throws<EtlDataException>(() => Factory.Source(kafka, FlowDefinitionMode.Draft)).Message, StringComparison.Ordinal);
        Assert.IsType<MessageSourceDefinition>(Factory.Source(kafka, FlowDefinitionMode.Run));
    }

    [Fact]
    public void Lookups_are_built_from_their_connections_with_the_unprotected_secret_and_the_new_flow_settings_reach_the_definition()
    {
        var reference = Connection(new PostgreSqlSettings("ref.local", "ref", "reader", 5432, "Require"), Protect("r3f"));
        reference.Id = 7;
        var files = Connection(new LocalFolderSettings("lookups"));
        files.Id = 8;
        var flow = Flow(Connection(new SqliteSettings("a.db")), Sqlite(), f =>
        {
            f.SourceQuery = "SELECT 1";
            f.Filter = "a > 0";
            f.UnmappedFields = UnmappedFieldPolicy.AddColumns;
            f.CreateIfMissing = true;
            f.Columns.Add(new ColumnMapping { Order = 3, TargetColumn = "c", Expression = "upper(a)", Length = 40 });
            f.Lookups = """
                [{"name":"countries","connectionId":7,"query":"SELECT code, name FROM countries","keyField":"code","maxEntries":500},
                 {"name":"regions","connectionId":8,"path":"regions.csv","parse":{"format":"Csv","delimiter":"|"},"keyField":"id"}]
                """;
        });

        var definition = Factory.Create(flow, new Dictionary<int, Connection> { [7] = reference, [8] = files });

        Assert.Equal(("a > 0", UnmappedFieldPolicy.AddColumns, true), (definition.Filter, definition.UnmappedFields, definition.Destination.CreateIfMissing));
        var computed = definition.Columns[^1];
        Assert.Equal(("c", "upper(a)", 40), (computed.TargetColumn, computed.Expression, computed.Length));
        Assert.Equal(["countries", "regions"], definition.Lookups.Select(l => l.Name));
        var query = Assert.IsType<DatabaseSourceDefinition>(definition.Lookups[0].Source);
        Assert.Equal(("SELECT code, name FROM countries", DatabaseProvider.PostgreSql), (query.Query, query.Provider));
        Assert.Equal("r3f", new NpgsqlConnectionStringBuilder(query.ConnectionString).Password);
        Assert.Equal(("code", 500), (definition.Lookups[0].KeyField, definition.Lookups[0].MaxEntries));
        var file = Assert.IsType<FileSourceDefinition>(definition.Lookups[1].Source);
        Assert.Equal(("/srv/etl/lookups", "regions.csv"), (file.Location, file.Pattern));
        Assert.Equal((ParseFormat.Csv, "|", LookupDefinition.DefaultMaxEntries), (definition.Lookups[1].Parse.Format, definition.Lookups[1].Parse.Delimiter, definition.Lookups[1].MaxEntries));
    }

    [Fact]
    public void A_lookup_whose_connection_is_gone_or_cannot_be_read_fails_naming_the_flow_and_the_lookup()
    {
        var http = Connection(new HttpSettings(new Uri("https://api.example.com")));
        http.Id = 3;
        Flow WithLookup(string json) => Flow(Connection(new SqliteSettings("a.db")), Sqlite(), f => { f.SourceQuery = "SELECT 1"; f.Lookups = json; });

        var gone = Assert.Throws<EtlDataException>(() => Factory.Create(WithLookup("""[{"name":"countries","connectionId":9,"query":"SELECT 1","keyField":"k"}]""")));
        var wrongKind = Assert.Throws<EtlDataException>(() => Factory.Create(WithLookup("""[{"name":"rates","connectionId":3,"path":"r.json","keyField":"k"}]"""),
            new Dictionary<int, Connection> { [3] = http }));
        var unreadable = Assert.Throws<EtlDataException>(() => Factory.Create(WithLookup("not json")));

        Assert.Equal("flow 'f' lookup 'countries' reads connection 9, which does not exist", gone.Message);
        Assert.Equal("flow 'f' lookup 'rates' reads connection 'c-Http', a Http connection: a lookup reads a database or a file", wrongKind.Message);
        Assert.StartsWith("flow 'f' lookups are not valid JSON", unreadable.Message, StringComparison.Ordinal);
    }

    private static string Protect(string secret) => new ReversingSecrets().Protect(secret);

    private static Connection Sqlite() => Connection(new SqliteSettings("dst.db"));

    private static Connection Connection(ConnectionSettings settings, string? secret = null) =>
        new() { Name = $"c-{settings.Kind}", Kind = settings.Kind, Settings = settings.ToJson(), Secret = secret };

    private static Flow Flow(Connection source, Connection destination, Action<Flow>? configure = null)
    {
        var flow = new Flow
        {
            Name = "f",
            SourceConnection = source,
            DestinationConnection = destination,
            DestinationTable = "t",
            Columns = [new ColumnMapping { Order = 2, SourceField = "a", TargetColumn = "a" }, new ColumnMapping { Order = 1, SourceField = "b", TargetColumn = "b" }],
        };
        configure?.Invoke(flow);
        return flow;
    }

    /// <summary>Stored form differs from the secret, so a factory that forgot to unprotect would be caught.</summary>
    private sealed class ReversingSecrets : ISecretProtector
    {
        public string Protect(string secret) => new([.. secret.Reverse()]);
        public string Unprotect(string stored) => new([.. stored.Reverse()]);
    }

    private sealed class TestEnvironment(string root) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "EtlStudio";
        public string ContentRootPath { get; set; } = root;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
