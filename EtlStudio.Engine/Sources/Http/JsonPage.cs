using System.Text.Json;
using EtlStudio.Engine.Definitions;

namespace EtlStudio.Engine.Sources.Http;

/// <summary>Reads what pagination needs from a buffered JSON page: the next link or the number of records.</summary>
internal static class JsonPage
{
    public static async Task<Uri?> NextLinkAsync(Stream page, string path, Uri pageUrl, string origin, CancellationToken cancellationToken)
    {
        using var document = await ParseAsync(page, origin, cancellationToken);
        var link = Find(document.RootElement, path);
        if (link is not { ValueKind: JsonValueKind.String } || string.IsNullOrWhiteSpace(link.Value.GetString()))
        {
            return null;
        }
        return Uri.TryCreate(pageUrl, link.Value.GetString(), out var next)
            ? next
            : throw new EtlDataException($"next link '{link.Value.GetString()}' at '{path}' is not a URL", origin);
    }

    /// <summary>Records of the page: elements of the array at the records path, or non-blank lines for NDJSON. A
    /// missing or null array counts as none, except on the first page, where it more likely is a wrong path.</summary>
    public static async Task<int> CountRecordsAsync(Stream page, ParseDefinition parse, bool firstPage, string origin,
        CancellationToken cancellationToken)
    {
        if (parse.Format != ParseFormat.Json)
        {
            throw new EtlDataException("page-number and offset/limit pagination need JSON pages to count records", origin);
        }
        if (parse.JsonLayout == JsonLayout.Ndjson)
        {
            return await CountLinesAsync(page, cancellationToken);
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(page, cancellationToken: cancellationToken);
        }
        catch (JsonException) when (parse.JsonLayout == JsonLayout.Auto)
        {
            // Not one JSON document: NDJSON, as the parser will read it.
            page.Position = 0;
            return await CountLinesAsync(page, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new EtlDataException($"page is not valid JSON: {e.Message}", origin, inner: e);
        }
        page.Position = 0;
        using (document)
        {
            return Find(document.RootElement, parse.RecordsPath) switch
            {
                null when firstPage => throw new EtlDataException(
                    $"records path '{parse.RecordsPath}' is not in the first page", origin),
                null or { ValueKind: JsonValueKind.Null } => 0,
                { ValueKind: JsonValueKind.Array } records => records.GetArrayLength(),
                { ValueKind: JsonValueKind.Object } when parse.RecordsPath.Length == 0 => 1,
                { ValueKind: var kind } => throw new EtlDataException(
                    $"records path '{parse.RecordsPath}' holds a {kind}, not an array", origin),
            };
        }
    }

    private static JsonElement? Find(JsonElement element, string path)
    {
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(segment, out var child)) element = child;
            else if (element.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i >= 0 && i < element.GetArrayLength()) element = element[i];
            else return null;
        }
        return element;
    }

    private static async Task<JsonDocument> ParseAsync(Stream page, string origin, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(page, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new EtlDataException($"page is not valid JSON: {e.Message}", origin, inner: e);
        }
        finally
        {
            page.Position = 0;
        }
    }

    private static async Task<int> CountLinesAsync(Stream page, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(page, leaveOpen: true);
        var count = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line)) count++;
        }
        page.Position = 0;
        return count;
    }
}
