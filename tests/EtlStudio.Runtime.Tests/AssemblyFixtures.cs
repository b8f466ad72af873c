using EtlStudio.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgresServer))]
