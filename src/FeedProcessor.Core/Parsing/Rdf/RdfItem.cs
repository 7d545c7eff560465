using FeedProcessor.Core.Parsing.Extensions;

namespace FeedProcessor.Core.Parsing.Rdf;

/// <summary>An RSS 1.0 / 0.90 &lt;item&gt; (RDF): no guid or pubDate of its own; Dublin Core carries date and author.</summary>
internal sealed record RdfItem
{
    public string? About { get; init; }
    public string? Title { get; init; }
    public string? Link { get; init; }
    public string? Description { get; init; }
    public string? ContentEncoded { get; init; }
    public string? Language { get; init; }
    public required DublinCore DublinCore { get; init; }
    public required MediaRss Media { get; init; }
}
