using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Loading;
using Xunit;

namespace EtlStudio.Engine.Tests.Loading;

public sealed class LoaderFactoryTests
{
    [Fact]
    public void Every_provider_has_its_own_loader_and_an_unknown_one_is_refused()
    {
        var factory = new LoaderFactory();
        var loaders = Enum.GetValues<DatabaseProvider>().Select(factory.Create).ToList();
        Assert.Equal(loaders.Count, loaders.Select(l => l.GetType()).Distinct().Count());
        Assert.Throws<ArgumentOutOfRangeException>(() => factory.Create((DatabaseProvider)99));
    }
}
