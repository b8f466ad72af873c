using EtlStudio.Testing;
using Xunit;

[assembly: AssemblyFixture(typeof(KafkaMockCluster))]
[assembly: AssemblyFixture(typeof(PostgresServer))]
