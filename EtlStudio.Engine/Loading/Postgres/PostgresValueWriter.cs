using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Writes one non-null value into a binary COPY row with the NpgsqlDbType of the destination column's real
/// type, so the server never has to guess. The table of pairs in <see cref="PostgresValueWriters"/> is also what the destination check accepts:
/// only widening conversions (int into bigint/numeric, never decimal into integer).</summary>
internal delegate Task PostgresValueWriter(NpgsqlBinaryImporter importer, object value, CancellationToken cancellationToken);
