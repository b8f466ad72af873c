global using Xunit;

[assembly: AssemblyFixture(typeof(EtlStudio.Browser.Tests.PortalServer))]
[assembly: AssemblyFixture(typeof(EtlStudio.Browser.Tests.Chromium))]
