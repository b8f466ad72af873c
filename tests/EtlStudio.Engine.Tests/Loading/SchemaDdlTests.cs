using System.Globalization;
using System.Text.RegularExpressions;
using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using EtlStudio.Engine.Loading.Oracle;
using EtlStudio.Engine.Loading.SqlServer;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

/// <summary>The DDL SQL Server and Oracle would run (no server here): exact statements, names that cannot be created,
/// and that every created column type is one the loader's own check accepts for the mapped type.</summary>
public sealed class SchemaDdlTests
{
    private static readonly TargetColumn[] EveryType =
    [
        new("id", ColumnType.Long), new("code", ColumnType.String, Length: 12), new("note", ColumnType.String), new("long_text", ColumnType.String, Length: 5000),
        new("n", ColumnType.Int, Required: true), new("amount", ColumnType.Decimal, 12, 3), new("wide", ColumnType.Decimal), new("score", ColumnType.Double),
        new("ok", ColumnType.Bool), new("day", ColumnType.Date), new("at", ColumnType.DateTime), new("seen", ColumnType.DateTimeOffset),
        new("ref", ColumnType.Guid), new("doc", ColumnType.Json),
    ];

    private static DestinationDefinition Destination(DatabaseProvider provider, string table, LoadMode mode = LoadMode.Append, params string[] keys) => new()
    {
        Provider = provider, ConnectionString = "unused", Table = table, Mode = mode, KeyColumns = keys, CreateIfMissing = true,
    };

    private static SchemaPlan Plan(SchemaDialect dialect, DestinationDefinition destination, IReadOnlyList<TargetColumn> columns, TableCatalog? catalog = null,
        IReadOnlyList<string>? fields = null, UnmappedFieldPolicy policy = UnmappedFieldPolicy.Ignore) =>
        SchemaPlanner.Plan(destination, columns, fields, policy, catalog, dialect, (_, _) => true);

    [Fact]
    public void SQL_Server_creates_every_type_with_the_keys_as_primary_key()
    {
        var plan = Plan(SqlServerDdl.Instance, Destination(DatabaseProvider.SqlServer, "sales.orders", LoadMode.Upsert, "id", "note"), EveryType);

        Assert.Equal(
            "CREATE TABLE [sales].[orders] ([id] bigint NOT NULL, [code] nvarchar(12), [note] nvarchar(450) NOT NULL, [long_text] nvarchar(max), " +
            "[n] int NOT NULL, [amount] decimal(12,3), [wide] decimal(38,18), [score] float, [ok] bit, [day] date, [at] datetime2, " +
            "[seen] datetimeoffset, [ref] uniqueidentifier, [doc] nvarchar(max), PRIMARY KEY ([id], [note]))",
            Assert.Single(plan.Statements));
        Assert.True(plan.Transactional);
    }

    [Fact]
    public void Oracle_creates_every_type_with_the_keys_as_primary_key()
    {
        var plan = Plan(OracleDdl.Instance, Destination(DatabaseProvider.Oracle, "SALES.ORDERS", LoadMode.Upsert, "id", "note"), EveryType);

        Assert.Equal(
            "CREATE TABLE \"SALES\".\"ORDERS\" (\"id\" NUMBER(19) NOT NULL, \"code\" VARCHAR2(12 CHAR), \"note\" VARCHAR2(1000 CHAR) NOT NULL, " +
            "\"long_text\" CLOB, \"n\" NUMBER(10) NOT NULL, \"amount\" NUMBER(12,3), \"wide\" NUMBER, \"score\" BINARY_DOUBLE, \"ok\" NUMBER(1), " +
            "\"day\" DATE, \"at\" TIMESTAMP, \"seen\" TIMESTAMP WITH TIME ZONE, \"ref\" RAW(16), \"doc\" CLOB, PRIMARY KEY (\"id\", \"note\"))",
            Assert.Single(plan.Statements));
        Assert.False(plan.Transactional);
    }

    [Fact]
    public void Unmapped_fields_are_added_as_nullable_text_columns_of_an_existing_table()
    {
        TargetColumn[] mapped = [new("id", ColumnType.Int, SourceField: "id")];
        var sqlServer = Plan(SqlServerDdl.Instance, Destination(DatabaseProvider.SqlServer, "orders"), mapped,
            new TableCatalog("dbo", "orders", [new("id", "int")], []), ["id", "city", "zip code"], UnmappedFieldPolicy.AddColumns);
        var oracle = Plan(OracleDdl.Instance, Destination(DatabaseProvider.Oracle, "ORDERS"), mapped,
            new TableCatalog("APP", "ORDERS", [new("id", "number", Precision: 10, Scale: 0)], []), ["id", "city", "zip code"], UnmappedFieldPolicy.AddColumns);

        Assert.Equal(["ALTER TABLE [dbo].[orders] ADD [city] nvarchar(max)", "ALTER TABLE [dbo].[orders] ADD [zip code] nvarchar(max)"], sqlServer.Statements);
        Assert.Equal(["ALTER TABLE \"APP\".\"ORDERS\" ADD (\"city\" CLOB)", "ALTER TABLE \"APP\".\"ORDERS\" ADD (\"zip code\" CLOB)"], oracle.Statements);
        Assert.Equal(["id", "city", "zip code"], oracle.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Names_the_database_cannot_hold_are_refused_naming_them()
    {
        var tooLong = new string('x', 129);
        var sqlServer = Plan(SqlServerDdl.Instance, Destination(DatabaseProvider.SqlServer, tooLong), [new("a\"b", ColumnType.Int)]);
        var oracle = Plan(OracleDdl.Instance, Destination(DatabaseProvider.Oracle, "T"), [new("a\"b", ColumnType.Int), new("é" + new string('x', 127), ColumnType.Int)]);

        Assert.Empty(sqlServer.Statements);
        Assert.Contains(sqlServer.Problems, p => p.Contains("is 129 characters, longer than the 128", StringComparison.Ordinal));
        Assert.Empty(oracle.Statements);
        Assert.Contains(oracle.Problems, p => p.Contains("'a\"b' contains a double quote", StringComparison.Ordinal));
        Assert.Contains(oracle.Problems, p => p.Contains("is 129 bytes, longer than the 128", StringComparison.Ordinal));
    }

    [Fact]
    public void A_key_that_is_not_mapped_and_an_upsert_without_keys_are_problems_not_statements()
    {
        var missingKey = Plan(SqlServerDdl.Instance, Destination(DatabaseProvider.SqlServer, "t", LoadMode.Upsert, "nope"), [new("id", ColumnType.Int)]);
        var noKeys = Plan(SqlServerDdl.Instance, Destination(DatabaseProvider.SqlServer, "t", LoadMode.Upsert), [new("id", ColumnType.Int)]);

        Assert.Equal(["Key column 'nope' is not one of the mapped columns."], missingKey.Problems);
        Assert.Equal(["Upsert needs key columns, and none are set."], noKeys.Problems);
        Assert.Empty(missingKey.Statements);
    }

    /// <summary>A created column as the catalog would then describe it, read back from the DDL type.</summary>
    private static CatalogColumn Described(string name, string sqlType)
    {
        var m = Regex.Match(sqlType, @"^(?<t>[A-Za-z0-9_ ]+?)(\((?<a>\d+|max)(,(?<b>\d+))?( CHAR)?\))?(?<rest>( WITH TIME ZONE)?)$");
        var type = (m.Groups["t"].Value + m.Groups["rest"].Value).ToLowerInvariant();
        int? a = m.Groups["a"].Success ? m.Groups["a"].Value == "max" ? -1 : int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture) : null;
        int? b = m.Groups["b"].Success ? int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture) : null;
        var numeric = type is "decimal" or "number";
        return new CatalogColumn(name, type, numeric ? null : a, numeric ? a : null, numeric ? b ?? (a is null ? null : 0) : null);
    }

    [Fact]
    public void Every_column_SQL_Server_creates_takes_the_mapped_type_by_the_loaders_own_rules()
    {
        foreach (var column in EveryType)
        {
            var type = SqlServerDdl.Instance.TypeOf(column, key: false);
            Assert.True(SqlServerValues.For(column.Type, Described(column.Name, type)) is not null, $"{column.Type} into {type}");
        }
    }

    [Fact]
    public void Every_column_Oracle_creates_takes_the_mapped_type_by_the_loaders_own_rules()
    {
        foreach (var column in EveryType)
        {
            var type = OracleDdl.Instance.TypeOf(column, key: false);
            Assert.True(OracleBinding.For(column.Type, Described(column.Name, type)) is not null, $"{column.Type} into {type}");
        }
    }
}
