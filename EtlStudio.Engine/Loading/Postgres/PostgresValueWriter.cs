using Npgsql;

namespace EtlStudio.Engine.Loading.Postgres;

/// <summary>Writes one non-null value into a binary COPY row with the NpgsqlDbType of the destination column's real
/// type, so the server never has to guess. The table of pairs in <see cref="PostgresValueWriters"/> is also what the destination check accepts:
/// only widening conversions (int into bigint/numeric, never decimal into integer).</summary>
/// <remarks>Synchronous: Npgsql's asynchronous Write costs two state machines per cell (measured: a fifth of the client
/// CPU of a CSV load, issue #14), and a write only touches the network when the connection's write buffer (64 KB, see the loader README) is full.</remarks>
internal delegate void PostgresValueWriter(NpgsqlBinaryImporter importer, object value);
