using System.Net;
using EtlStudio.Engine.Sources.Http;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources.Http;

/// <summary>The guard's verdicts, checked without ever opening a socket: the connector records instead of connecting,
/// so a broken guard fails these tests instead of sending traffic to an internal address.</summary>
public sealed class SsrfGuardTests
{
    private readonly List<IPAddress[]> _connects = [];
    private readonly Dictionary<string, IPAddress[]> _dns = new(StringComparer.OrdinalIgnoreCase);

    [Theory]
    [InlineData("http://127.0.0.1/", "127.0.0.1", "loopback")]
    [InlineData("http://0x7f000001/", "127.0.0.1", "loopback")]
    [InlineData("http://2130706433/", "127.0.0.1", "loopback")]
    [InlineData("http://0177.0.0.1/", "127.0.0.1", "loopback")]
    [InlineData("http://127.1/", "127.0.0.1", "loopback")]
    [InlineData("http://[::1]/", "::1", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1", "loopback")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "link-local")]
    [InlineData("http://[::ffff:169.254.169.254]/", "::ffff:169.254.169.254", "link-local")]
    [InlineData("http://10.0.0.1/", "10.0.0.1", "private network 10.0.0.0/8")]
    [InlineData("https://172.20.1.1/", "172.20.1.1", "private network 172.16.0.0/12")]
    [InlineData("http://192.168.1.10:8080/", "192.168.1.10", "private network 192.168.0.0/16")]
    [InlineData("http://100.64.0.1/", "100.64.0.1", "carrier-grade NAT")]
    [InlineData("http://0.0.0.0/", "0.0.0.0", "unspecified")]
    [InlineData("http://[::]/", "::", "unspecified")]
    [InlineData("http://[fd12::1]/", "fd12::1", "unique local")]
    [InlineData("http://[fe80::1]/", "fe80::1", "link-local")]
    [InlineData("http://224.0.0.1/", "224.0.0.1", "multicast")]
    [InlineData("http://[64:ff9b::a00:1]/", "64:ff9b::a00:1", "private network 10.0.0.0/8")]
    public async Task Internal_address_in_any_spelling_is_refused_before_connecting(string url, string address, string reason)
    {
        using var client = new HttpClient(Guard(HttpAllowList.Empty).CreateHandler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url, TestContext.Current.CancellationToken));

        var refused = Assert.IsType<SsrfRefusedException>(error.InnerException);
        Assert.Equal(IPAddress.Parse(address), refused.Address);
        Assert.Contains(reason, refused.Reason, StringComparison.Ordinal);
        Assert.Contains($"({address})", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_connects);
    }

    [Fact]
    public async Task Host_name_that_resolves_to_a_private_address_is_refused_naming_host_and_address()
    {
        _dns["intranet.example"] = [IPAddress.Parse("10.20.30.40")];

        var error = await Assert.ThrowsAsync<SsrfRefusedException>(() => Guard(HttpAllowList.Empty).CheckAsync("intranet.example", 443, TestContext.Current.CancellationToken));

        Assert.StartsWith("refused to connect to intranet.example (10.20.30.40): private network 10.0.0.0/8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_with_one_public_and_one_loopback_address_is_refused()
    {
        _dns["rebind.example"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("127.0.0.1")];

        var error = await Assert.ThrowsAsync<SsrfRefusedException>(() => Guard(HttpAllowList.Empty).CheckAsync("rebind.example", 443, TestContext.Current.CancellationToken));

        Assert.Equal(IPAddress.Loopback, error.Address);
    }

    [Fact]
    public async Task Public_host_is_connected_to_exactly_the_addresses_that_were_checked()
    {
        _dns["api.example"] = [IPAddress.Parse("93.184.216.34")];
        using var client = new HttpClient(Guard(HttpAllowList.Empty).CreateHandler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://api.example/v1", TestContext.Current.CancellationToken));

        Assert.Equal("connector reached", error.InnerException?.Message);
        Assert.Equal([IPAddress.Parse("93.184.216.34")], Assert.Single(_connects));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "http://10.0.0.1/")]
    [InlineData("10.0.0.1", "http://10.0.0.1/")]
    [InlineData("::1", "http://[::1]/")]
    [InlineData("127.0.0.0/8", "http://0x7f000001/")]
    [InlineData("intranet.example", "http://intranet.example/")]
    [InlineData("*.corp.example", "http://erp.corp.example/")]
    [InlineData("intranet.example:8443", "https://intranet.example:8443/")]
    [InlineData("*.corp.example:8443", "https://erp.corp.example:8443/")]
    [InlineData("10.0.0.1:8080", "http://10.0.0.1:8080/")]
    [InlineData("[::1]:8443", "https://[::1]:8443/")]
    [InlineData("intranet.example:80", "http://intranet.example/")]
    public async Task Allow_list_entry_lets_an_internal_target_through(string entry, string url)
    {
        _dns["intranet.example"] = [IPAddress.Parse("10.1.1.1")];
        _dns["erp.corp.example"] = [IPAddress.Parse("192.168.5.5")];
        using var client = new HttpClient(Guard(new HttpAllowList([entry])).CreateHandler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url, TestContext.Current.CancellationToken));

        Assert.Equal("connector reached", error.InnerException?.Message);
        Assert.Single(_connects);
    }

    [Fact]
    public async Task Allow_list_of_one_network_does_not_open_the_others()
    {
        var guard = Guard(new HttpAllowList(["10.1.0.0/16", "intranet.example"]));

        var error = await Assert.ThrowsAsync<SsrfRefusedException>(() => guard.CheckAsync("169.254.169.254", 80, TestContext.Current.CancellationToken));

        Assert.Contains("link-local", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("intranet.example:8443", "https://intranet.example/")]
    [InlineData("intranet.example:8443", "http://intranet.example:8080/")]
    [InlineData("*.corp.example:8443", "https://erp.corp.example:9443/")]
    [InlineData("10.0.0.1:8080", "http://10.0.0.1/")]
    [InlineData("[::1]:8443", "https://[::1]:9443/")]
    public async Task Allow_list_entry_with_a_port_leaves_the_other_ports_refused(string entry, string url)
    {
        _dns["intranet.example"] = [IPAddress.Parse("10.1.1.1")];
        _dns["erp.corp.example"] = [IPAddress.Parse("192.168.5.5")];
        using var client = new HttpClient(Guard(new HttpAllowList([entry])).CreateHandler());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url, TestContext.Current.CancellationToken));

        Assert.IsType<SsrfRefusedException>(error.InnerException);
        Assert.Empty(_connects);
    }

    [Fact]
    public async Task Two_entries_for_one_host_allow_both_ports_and_no_third()
    {
        _dns["intranet.example"] = [IPAddress.Parse("10.1.1.1")];
        var guard = Guard(new HttpAllowList(["intranet.example:8443", "INTRANET.example:9443"]));

        await guard.CheckAsync("intranet.example", 8443, TestContext.Current.CancellationToken);
        await guard.CheckAsync("intranet.example", 9443, TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<SsrfRefusedException>(() => guard.CheckAsync("intranet.example", 443, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Bare_ipv6_address_entry_is_not_read_as_a_port()
    {
        var guard = Guard(new HttpAllowList(["fd00::1"]));

        var addresses = await guard.CheckAsync("[fd00::1]", 1, TestContext.Current.CancellationToken);

        Assert.Equal([IPAddress.Parse("fd00::1")], addresses);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/8:443")]
    [InlineData("not a host")]
    [InlineData("intranet.example:0")]
    [InlineData("intranet.example:65536")]
    [InlineData("intranet.example:https")]
    [InlineData("[::1]x8443")]
    public void Malformed_allow_list_entry_is_named(string entry)
    {
        var error = Assert.Throws<FormatException>(() => new HttpAllowList([entry]));

        Assert.Contains($"'{entry}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://files.example/x.csv")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1:11211/")]
    public void Only_http_and_https_urls_are_accepted(string url)
    {
        var error = Assert.Throws<EtlDataException>(() => SsrfGuard.EnsureHttpScheme(new Uri(url)));

        Assert.Contains("only http and https", error.Message, StringComparison.Ordinal);
    }

    private SsrfGuard Guard(HttpAllowList allowList) => new(
        allowList,
        (host, _) => _dns.TryGetValue(host, out var found)
            ? Task.FromResult(found)
            : throw new InvalidOperationException($"unexpected DNS lookup of {host}"),
        (addresses, _, _) =>
        {
            _connects.Add(addresses);
            throw new InvalidOperationException("connector reached");
        });
}
