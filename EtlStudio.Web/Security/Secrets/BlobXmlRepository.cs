using System.Net;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace EtlStudio.Web.Security.Secrets;

/// <summary>The Data Protection key ring as one XML blob (<c>DataProtection:BlobUri</c>), so every instance of the web
/// app shares it. Written with optimistic concurrency: two instances adding a key at once both keep theirs.</summary>
/// <remarks>Azure.Extensions.AspNetCore.DataProtection.Blobs is not served by the package feed here; this is the
/// same storage layout (a <c>repository</c> root holding the key elements) on Azure.Storage.Blobs.</remarks>
internal sealed class BlobXmlRepository(BlobClient blob) : IXmlRepository
{
    private const int MaxAttempts = 10;

    public IReadOnlyCollection<XElement> GetAllElements() => Read().Document.Root!.Elements().ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        for (var attempt = 1; ; attempt++)
        {
            var (document, etag) = Read();
            document.Root!.Add(new XElement(element));
            var conditions = etag is { } tag ? new BlobRequestConditions { IfMatch = tag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                using var content = new MemoryStream();
                document.Save(content);
                content.Position = 0;
                blob.Upload(content, new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" } });
                return;
            }
            catch (RequestFailedException e) when (attempt < MaxAttempts && e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
            {
                // Another instance wrote the ring in between: read it again and add ours to theirs.
            }
        }
    }

    private (XDocument Document, ETag? ETag) Read()
    {
        try
        {
            var result = blob.DownloadContent();
            using var stream = result.Value.Content.ToStream();
            return (XDocument.Load(stream), result.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return (new XDocument(new XElement("repository")), null);
        }
    }
}
