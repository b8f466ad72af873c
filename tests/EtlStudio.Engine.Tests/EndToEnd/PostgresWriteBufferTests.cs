using EtlStudio.Engine.Loading.Postgres;
using Npgsql;
using Xunit;

namespace EtlStudio.Engine.Tests.EndToEnd;

/// <summary>The load connection's write buffer: 64 KB unless the flow's connection string chose one.</summary>
public sealed class PostgresWriteBufferTests
{
    [Theory]
    [InlineData("Host=db;Username=etl", PostgresLoader.CopyWriteBufferSize)]
    [InlineData("Host=db;Username=etl;Write Buffer Size=16384", 16384)]
    [InlineData("Host=db;writebuffersize=4096", 4096)]
    public void The_load_connection_gets_a_large_write_buffer_unless_one_is_set(string connectionString, int expected)
    {
        var effective = new NpgsqlConnectionStringBuilder(PostgresLoader.WithCopyWriteBuffer(connectionString));

        Assert.Equal(expected, effective.WriteBufferSize);
        Assert.Equal("db", effective.Host);
    }
}
