using System.Text;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>The exception for a response that is not a success once retries are over.</summary>
internal static class HttpFailure
{
    private const int SnippetLength = 200;

    public static async Task<Exception> CreateAsync(HttpResponseMessage response, string url, int retries, CancellationToken cancellationToken)
    {
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        var body = await SnippetAsync(response, cancellationToken);
        if (HttpRetryPipeline.IsTransientStatus(response.StatusCode))
        {
            // The server may recover: not a data error, so the run can be retried later.
            return new HttpRequestException($"{url}: {status} after {retries + 1} attempts: {body}", null, response.StatusCode);
        }
        return new EtlDataException($"{status}: {body}", url);
    }

    private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[SnippetLength];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        var text = new string(buffer, 0, read).ReplaceLineEndings(" ").Trim();
        return read == SnippetLength ? text + "…" : text.Length == 0 ? "(empty body)" : text;
    }
}
