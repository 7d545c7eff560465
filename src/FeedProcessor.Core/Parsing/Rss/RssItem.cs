using FeedProcessor.Core.Parsing.Extensions;

namespace FeedProcessor.Core.Parsing.Rss;

/// <summary>An RSS 0.9x/2.0 &lt;item&gt; as written, URLs already resolved against xml:base.</summary>
internal sealed record RssItem
{
    public string? Title { get; init; }
    public string? Link { get; init; }
    public string? Guid { get; init; }
    public bool GuidIsPermaLink { get; init; }
    public string? PubDate { get; init; }
    public string? Author { get; init; }
    public string? Description { get; init; }
    public string? ContentEncoded { get; init; }
    /// <summary>yandex:full-text: the article, as plain text or (escaped) HTML.</summary>
    public string? YandexFullText { get; init; }
    /// <summary>The xml:base declared in scope of the body, if any.</summary>
    public string? ContentBaseUrl { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<RssEnclosure> Enclosures { get; init; } = [];
    /// <summary>An atom:link rel="alternate" some RSS feeds add instead of &lt;link&gt;.</summary>
    public string? AtomLink { get; init; }
    public string? Language { get; init; }
    public required DublinCore DublinCore { get; init; }
    public required MediaRss Media { get; init; }
    public required Itunes Itunes { get; init; }
}

internal sealed record RssEnclosure(string Url, string? Type);
