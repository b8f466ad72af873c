using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace EtlStudio.Data.Tests;

public sealed class MigrationTests
{
    public static TheoryData<string> Providers => ["Sqlite", "SqlServer", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_match_the_model(string provider)
    {
        using var db = DesignTimeContext(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"run dotnet ef migrations add <Name> --context {db.GetType().Name} -o Migrations/{provider}");
        Assert.EndsWith("_Initial", db.Database.GetMigrations().First(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_SQL_Server_script_creates_every_table_index_and_key_of_the_model_without_a_server()
    {
        using var db = DesignTimeContext("SqlServer");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()!).ToList();
        Assert.Equal(12 + 7, tables.Count); // the configuration model (RunPartitions included) and the ASP.NET Core Identity tables
        Assert.All(tables, t => Assert.Contains($"CREATE TABLE [{t}] (", script, StringComparison.Ordinal));
        Assert.All(db.Model.GetEntityTypes().SelectMany(t => t.GetIndexes()), i =>
            Assert.Contains($"CREATE {(i.IsUnique ? "UNIQUE " : "")}INDEX [{i.GetDatabaseName()}]", script, StringComparison.Ordinal));
        Assert.All(db.Model.GetEntityTypes().SelectMany(t => t.GetForeignKeys()), fk =>
            Assert.Contains($"CONSTRAINT [{fk.GetConstraintName()}] FOREIGN KEY", script, StringComparison.Ordinal));
        Assert.Contains("REFERENCES [Flows] ([Id]) ON DELETE SET NULL", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
    }

    private static EtlDbContext DesignTimeContext(string provider) => provider switch
    {
        "Sqlite" => new SqliteEtlDbContextDesignTimeFactory().CreateDbContext([]),
        "SqlServer" => new SqlServerEtlDbContextDesignTimeFactory().CreateDbContext([]),
        _ => new PostgresEtlDbContextDesignTimeFactory().CreateDbContext([]),
    };
}
