using System.Runtime.CompilerServices;
using EtlStudio.Engine.Definitions;
using Microsoft.Extensions.Logging;
using Polly;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Pages of an HTTP API, each yielded as one document named by its (redacted) URL.</summary>
/// <remarks>
/// Without pagination and with <c>Link</c>-header pagination a page is streamed to the parser as it arrives. With a
/// next link in the body, page numbers or offset/limit the next request depends on the page's content, so each page
/// is buffered first (at most <see cref="HttpSourceOptions.MaxPageBytes"/>): memory is bounded by the page size, not
/// by the whole extract. Every request goes through the shared retry pipeline; a 4xx other than 408/429 is an
/// <see cref="EtlDataException"/> naming the URL, status and the start of the body.
/// </remarks>
internal sealed class HttpDocumentSource(
    HttpSourceDefinition source,
    ParseDefinition parse,
    HttpClient client,
    ResiliencePipeline<HttpResponseMessage> pipeline,
    HttpSourceOptions options,
    ILogger logger) : IDocumentSource
{
    private sealed record Page(string Name, Stream Content, Uri? Next, bool HasRecords);

    public async IAsyncEnumerable<SourceDocument> GetDocumentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var requests = new HttpRequestFactory(source);
        var paging = new PageSequence(source, parse, requests);
        var url = paging.First;
        for (var number = 1; ; number++)
        {
            var page = await FetchAsync(requests, paging, url, number, cancellationToken);
            logger.HttpPageFetched(number, page.Name);
            if (!page.HasRecords)
            {
                await page.Content.DisposeAsync();
                yield break;
            }
            yield return new SourceDocument(page.Name, page.Content);
            if (page.Next is null) yield break;
            if (number >= source.Pagination.MaxPages)
            {
                throw new EtlDataException(
                    $"more pages follow after {number} pages (the source's page limit): raise the limit to read them all", page.Name);
            }
            url = page.Next;
        }
    }

    private async Task<Page> FetchAsync(HttpRequestFactory requests, PageSequence paging, Uri url, int number, CancellationToken cancellationToken)
    {
        var authorized = requests.Authorize(url);
        var name = requests.Redact(authorized);
        // Not disposed on success: the document's stream is the response's content, disposed with the document.
        var response = await SendAsync(requests, authorized, name, paging.NeedsBody, cancellationToken);
        try
        {
            var content = await response.Content.ReadAsStreamAsync(cancellationToken);
            var (next, hasRecords) = await paging.NextAsync(response, content, url, number, name, cancellationToken);
            return new Page(name, content, next, hasRecords);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestFactory requests, Uri url, string name, bool buffer, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpRetryPipeline.UrlKey, name);
        HttpResponseMessage response;
        try
        {
            response = await pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    using var request = state.Requests.Create(state.Url);
                    var r = await state.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.CancellationToken);
                    if (!state.Buffer || !r.IsSuccessStatusCode) return r;
                    try
                    {
                        await r.Content.LoadIntoBufferAsync(state.MaxBytes, ctx.CancellationToken);
                        return r;
                    }
                    catch
                    {
                        r.Dispose();
                        throw;
                    }
                },
                context,
                (Requests: requests, Url: url, Client: client, Buffer: buffer, MaxBytes: options.MaxPageBytes));
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new EtlDataException($"page is larger than {options.MaxPageBytes} bytes (HttpSourceOptions.MaxPageBytes)", name, inner: e);
        }
        catch (HttpRequestException e) when (e.InnerException is SsrfRefusedException refused)
        {
            throw new EtlDataException(refused.Message, name, inner: e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            throw await HttpFailure.CreateAsync(response, name, options.MaxRetryAttempts, cancellationToken);
        }
    }
}
