using System.Data.Common;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Loads into PostgreSQL with binary COPY: rows encoded by <see cref="PostgresCopyWriter"/> into a raw COPY, or
/// through <see cref="NpgsqlBinaryImporter"/> when <paramref name="rawCopy"/> is false or a load cannot be encoded (see
/// the loader README).</summary>
internal sealed class PostgresLoader(ILogger logger, bool rawCopy = true) : CatalogLoader(logger)
{
    /// <summary>Npgsql's 8 KB default write buffer means a socket send every few dozen COPY rows; 64 KB cuts the sends
    /// (and the server's reads) eightfold.</summary>
    internal const int CopyWriteBufferSize = 64 * 1024;

    protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(WithCopyWriteBuffer(connectionString));

    /// <summary>Adds <see cref="CopyWriteBufferSize"/> unless the connection string sets <c>Write Buffer Size</c> itself.
    /// Looked up in the text, not with <see cref="NpgsqlConnectionStringBuilder.ContainsKey"/>, which is true for every
    /// keyword that has a default.</summary>
    internal static string WithCopyWriteBuffer(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var set = given.Keys.Cast<string>().Any(k => string.Equals(k.Replace(" ", "", StringComparison.Ordinal), "WriteBufferSize", StringComparison.OrdinalIgnoreCase));
        return set ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { WriteBufferSize = CopyWriteBufferSize }.ConnectionString;
    }

    protected override Task<TableCatalog?> ReadCatalogAsync(DbConnection connection, TableName table, DbTransaction? transaction, CancellationToken cancellationToken) =>
        PostgresCatalog.ReadAsync((NpgsqlConnection)connection, table, cancellationToken);

    protected override SchemaDialect Ddl => PostgresDdl.Instance;

    protected override bool IsCompatible(TargetColumn column, CatalogColumn catalogColumn) =>
        PostgresValueWriters.For(column.Type, catalogColumn.TypeName) is not null;

    protected override ColumnRule RuleFor(TargetColumn column, CatalogColumn catalogColumn) => PostgresRules.For(column, catalogColumn);

    protected override async Task<ILoadSession> StartSessionAsync(DbConnection connection, DestinationDefinition destination, ResolvedTarget target, bool dryRun, CancellationToken cancellationToken) =>
        await PostgresLoadSession.StartAsync((NpgsqlConnection)connection, destination, target, dryRun, rawCopy, Logger, cancellationToken).ConfigureAwait(false);

    protected override Ledger.LedgerSql LedgerSql(string? schema) => new PostgresLedgerSql(schema);
}
