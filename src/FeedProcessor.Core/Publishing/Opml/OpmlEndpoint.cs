using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing.Http;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Publishing.Opml;

/// <summary>`GET /api/sources.opml`.</summary>
public static class OpmlEndpoint
{
    public const string Route = "sources.opml";
    public const string ContentType = "text/x-opml; charset=utf-8";

    public static ApiResponse Handle(ApiRequest request, IReadOnlyList<SourceDefinition> sources, DateTimeOffset sourcesChanged, PublishingOptions? options = null)
    {
        options ??= PublishingOptions.Default;
        using var body = new MemoryStream();
        OpmlWriter.Write(sources, $"{options.FeedTitle} sources", sourcesChanged, $"{request.PublicBaseUrl}/{FeedEndpoint.Route}", body);
        return new RenderedResponse(ContentType, body.ToArray(), sourcesChanged, $"public, max-age={options.MaxAgeSeconds}").Respond(request);
    }
}
