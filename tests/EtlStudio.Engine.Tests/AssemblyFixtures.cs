using EtlStudio.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(AzuriteServer))]
[assembly: AssemblyFixture(typeof(SshServer))]
