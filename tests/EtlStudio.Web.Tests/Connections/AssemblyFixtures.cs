[assembly: AssemblyFixture(typeof(EtlStudio.Testing.PostgresServer))]
