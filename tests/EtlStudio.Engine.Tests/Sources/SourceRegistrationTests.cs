using EtlStudio.Engine.Definitions;
using EtlStudio.Engine.Sources;
using EtlStudio.Engine.Sources.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EtlStudio.Engine.Tests.Sources;

public sealed class SourceRegistrationTests
{
    [Fact]
    public async Task The_host_chooses_the_primary_handler_and_the_retry_options()
    {
        var handler = new CountingHandler();
        var services = new ServiceCollection();
        services.AddEtlSources(new HttpSourceOptions { MaxRetryAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) })
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ISourceFactory>();

        var source = factory.CreateDocumentSource(new HttpSourceDefinition { Url = new Uri("http://guarded.invalid/x") }, new ParseDefinition());
        await Assert.ThrowsAsync<HttpRequestException>(() => Documents.ReadAllAsync(source));

        Assert.Equal(3, handler.Calls);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            throw new HttpRequestException(HttpRequestError.ConnectionError, "blocked by the guard");
        }
    }
}
