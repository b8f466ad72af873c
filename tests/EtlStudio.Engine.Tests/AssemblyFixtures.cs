using EtlStudio.Testing;
using Xunit;

// Real servers shared by the whole test assembly; each test makes its own table (or database, or container).
[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(AzuriteServer))]
