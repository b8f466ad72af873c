[assembly: AssemblyFixture(typeof(EtlStudio.Testing.PostgresServer))]
[assembly: AssemblyFixture(typeof(EtlStudio.Testing.AzuriteServer))]
[assembly: AssemblyFixture(typeof(EtlStudio.Testing.SshServer))]
