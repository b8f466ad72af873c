using System.Text.Json;
using EtlStudio.Data;
using EtlStudio.Data.Entities;
using EtlStudio.Engine.Definitions;
using EtlStudio.Web.Connections;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EtlStudio.Web.Demo;

/// <summary>Fills an empty configuration database with a working example: the sample CSV shipped in
/// <c>Samples/</c>, loaded by a nightly flow into a SQLite warehouse under <c>data/</c>.</summary>
internal sealed partial class DemoSeeder(IDbContextFactory<EtlDbContext> contexts, IHostEnvironment environment, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    public const string SamplesFolder = "Samples";
    public const string WarehousePath = "data/demo-warehouse.db";
    public const string GroupName = "Demo";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Groups.AnyAsync(cancellationToken))
        {
            LogSkipped(logger);
            return;
        }
        await CreateWarehouseAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var files = await ConnectionAsync(db, "Demo sample files", new LocalFolderSettings(SamplesFolder), now, cancellationToken);
        var warehouse = await ConnectionAsync(db, "Demo warehouse", new SqliteSettings(WarehousePath), now, cancellationToken);
        var group = new Group
        {
            Name = GroupName,
            Description = "Sample: loads Samples/customers.csv into the demo SQLite warehouse every night.",
            Cron = "0 2 * * *",
            TimeZone = "Europe/Amsterdam",
            CreatedUtc = now,
            UpdatedUtc = now,
        };
        group.Flows.Add(CustomersFlow(files, warehouse, now));
        db.Groups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        LogSeeded(logger, GroupName);
    }

    private static Flow CustomersFlow(Connection files, Connection warehouse, DateTime now) => new()
    {
        Name = "Load customers",
        Order = 1,
        SourceConnection = files,
        SourcePath = "customers.csv",
        ParseFormat = ParseFormat.Csv,
        ParseOptions = JsonSerializer.Serialize(new ParseDefinition { Format = ParseFormat.Csv, Delimiter = ",", HasHeader = true, Encoding = "utf-8" },
            JsonSerializerOptions.Web),
        DestinationConnection = warehouse,
        DestinationTable = "customers",
        LoadMode = LoadMode.Upsert,
        KeyColumns = "customer_id",
        CreatedUtc = now,
        UpdatedUtc = now,
        Columns =
        [
            new() { Order = 1, SourceField = "id", TargetColumn = "customer_id", TargetType = ColumnType.Int, Required = true },
            new() { Order = 2, SourceField = "full_name", TargetColumn = "name", TargetType = ColumnType.String, Required = true },
            new() { Order = 3, SourceField = "email", TargetColumn = "email", TargetType = ColumnType.String },
            new() { Order = 4, SourceField = "country", TargetColumn = "country_code", TargetType = ColumnType.String },
            new() { Order = 5, SourceField = "signed_up", TargetColumn = "signup_date", TargetType = ColumnType.Date, Format = "yyyy-MM-dd" },
            new() { Order = 6, SourceField = "credit_limit", TargetColumn = "credit_limit", TargetType = ColumnType.Decimal, Precision = 10, Scale = 2, DefaultValue = "0" },
            new() { Order = 7, SourceField = "active", TargetColumn = "is_active", TargetType = ColumnType.Bool },
            new() { Order = 8, SourceField = "orders", TargetColumn = "order_count", TargetType = ColumnType.Int, DefaultValue = "0" },
            new() { Order = 9, TargetColumn = "source_file", TargetType = ColumnType.String, Derived = DerivedValue.SourceName },
            new() { Order = 10, TargetColumn = "loaded_at", TargetType = ColumnType.DateTime, Derived = DerivedValue.LoadTime },
        ],
    };

    // Reuses a connection of that name: a user may have deleted the demo group but kept its connections.
    private static async Task<Connection> ConnectionAsync(EtlDbContext db, string name, ConnectionSettings settings, DateTime now, CancellationToken cancellationToken)
    {
        var existing = await db.Connections.FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (existing is not null) return existing;
        var connection = new Connection { Name = name, Kind = settings.Kind, Settings = settings.ToJson(), CreatedUtc = now, UpdatedUtc = now };
        db.Connections.Add(connection);
        return connection;
    }

    private async Task CreateWarehouseAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(environment.ContentRootPath, WarehousePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS customers (
                customer_id  INTEGER NOT NULL PRIMARY KEY,
                name         TEXT    NOT NULL,
                email        TEXT,
                country_code TEXT,
                signup_date  TEXT,
                credit_limit NUMERIC(10, 2),
                is_active    INTEGER,
                order_count  INTEGER,
                source_file  TEXT,
                loaded_at    TEXT
            )
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Information, "Demo seeded: group '{Group}' with flow 'Load customers' (turn off with Demo:Seed=false)")]
    private static partial void LogSeeded(ILogger logger, string group);

    [LoggerMessage(2, LogLevel.Debug, "Demo seed skipped: the database already has groups")]
    private static partial void LogSkipped(ILogger logger);
}
