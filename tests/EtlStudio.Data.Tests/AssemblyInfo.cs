using EtlStudio.Testing;

[assembly: AssemblyFixture(typeof(PostgresServer))]
