using FeedProcessor.Core.Api;

namespace FeedProcessor.Core.Publishing.Http;

/// <summary>
/// A representation rendered once and served many times: its bytes and the validators that let a client skip
/// them. <see cref="Respond"/> answers a request from it, 304 included, without touching the index.
/// </summary>
public sealed class RenderedResponse
{
    public RenderedResponse(string contentType, byte[] body, DateTimeOffset lastModified, string cacheControl, string? vary = null)
    {
        ContentType = contentType;
        Body = body;
        LastModified = lastModified;
        CacheControl = cacheControl;
        Vary = vary;
        ETag = EntityTags.For(contentType, body);
    }

    public string ContentType { get; }
    public byte[] Body { get; }
    public string ETag { get; }
    public DateTimeOffset LastModified { get; }
    public string CacheControl { get; }
    public string? Vary { get; }

    /// <summary>If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).</summary>
    public ApiResponse Respond(ApiRequest request)
    {
        var ifNoneMatch = request.Header("If-None-Match");
        var notModified = ifNoneMatch is not null
            ? EntityTags.NoneMatchHits(ifNoneMatch, ETag)
            : EntityTags.NotModifiedSince(request.Header("If-Modified-Since"), LastModified);

        var response = notModified
            ? new ApiResponse { Status = 304 }
            : new ApiResponse { Status = 200, ContentType = ContentType, Body = Body };
        response.Headers["ETag"] = ETag;
        response.Headers["Last-Modified"] = Writers.FeedDates.Http(LastModified);
        response.Headers["Cache-Control"] = CacheControl;
        if (Vary is not null) response.Headers["Vary"] = Vary;
        return response;
    }
}
