using System.Text;
using EtlStudio.Engine.Staging;
using Xunit;

namespace EtlStudio.Engine.Tests.Staging;

/// <summary>What every staging store must do, run against each real store.</summary>
internal static class StagingStoreContract
{
    public static async Task Write_read_list_and_delete_round_trip(IStagingStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid();
        var other = Guid.NewGuid();
        var big = new byte[3 * 1024 * 1024 + 17];
        new Random(1).NextBytes(big);
        await using (var s = await store.OpenWriteAsync(run, "raw/00001-orders.csv", ct)) await s.WriteAsync(big, ct);
        await using (var s = await store.OpenWriteAsync(run, "mapped.ndjson", ct)) await s.WriteAsync("first"u8.ToArray(), ct);
        await using (var s = await store.OpenWriteAsync(run, "mapped.ndjson", ct)) await s.WriteAsync("second"u8.ToArray(), ct);
        await using (var s = await store.OpenWriteAsync(other, "mapped.ndjson", ct)) await s.WriteAsync("other"u8.ToArray(), ct);

        var list = await store.ListAsync(run, ct);
        Assert.Equal(["mapped.ndjson", "raw/00001-orders.csv"], list.Select(a => a.Name));
        Assert.Equal([6L, big.Length], list.Select(a => a.Length));

        Assert.Equal("second", await ReadTextAsync(store, run, "mapped.ndjson"));
        await using (var s = await store.OpenReadAsync(run, "raw/00001-orders.csv", ct))
        {
            var copy = new MemoryStream();
            await s.CopyToAsync(copy, ct);
            Assert.Equal(big, copy.ToArray());
        }

        await store.DeleteRunAsync(run, ct);
        Assert.Empty(await store.ListAsync(run, ct));
        Assert.Equal("other", await ReadTextAsync(store, other, "mapped.ndjson"));
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenReadAsync(run, "mapped.ndjson", ct));
        Assert.Contains($"staged artifact 'mapped.ndjson' of run {run} not found", e.Message, StringComparison.Ordinal);
    }

    public static async Task Names_cannot_escape_the_run(IStagingStore store)
    {
        foreach (var name in new[] { "../x", "/etc/passwd", "raw/../../x", "a\\b", "" })
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => store.OpenWriteAsync(Guid.NewGuid(), name, TestContext.Current.CancellationToken));
        }
    }

    private static async Task<string> ReadTextAsync(IStagingStore store, Guid run, string name)
    {
        await using var s = await store.OpenReadAsync(run, name, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(s, Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}
