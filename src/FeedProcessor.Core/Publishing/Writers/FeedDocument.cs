using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Publishing.Writers;

/// <summary>Everything a writer needs to render one response, whatever the format.</summary>
public sealed record FeedDocument
{
    public required string Title { get; init; }
    public required string Description { get; init; }
    /// <summary>A stable, non-URL id of this feed (the same query gives the same id on every host).</summary>
    public required string FeedId { get; init; }
    /// <summary>The absolute URL of this very response, query included.</summary>
    public required string SelfUrl { get; init; }
    /// <summary>The next (older) page of this feed (RFC 5005 paging); null on the last page.</summary>
    public string? NextUrl { get; init; }
    /// <summary>The human page about the feed.</summary>
    public required string HomeUrl { get; init; }
    public required DateTimeOffset Updated { get; init; }
    /// <summary>Set only when every item shares the language.</summary>
    public string? Language { get; init; }
    public required IReadOnlyList<Article> Items { get; init; }
    public IReadOnlyList<SourceDefinition> Sources { get; init; } = [];
    public string Generator { get; init; } = "FeedProcessor";

    /// <summary>The title of a source by id, for "also published by"; the id itself when the source is unknown.</summary>
    public string SourceTitle(string sourceId) =>
        Sources.FirstOrDefault(s => s.Id.Equals(sourceId, StringComparison.OrdinalIgnoreCase))?.Title ?? sourceId;

    /// <summary>The feed an article was read from: the article's own record, else its source's configured URL.</summary>
    public string? SourceFeedUrl(Article article) =>
        FeedUrls.AbsoluteHttp(article.SourceUrl) ??
        FeedUrls.AbsoluteHttp(Sources.FirstOrDefault(s => s.Id.Equals(article.SourceId, StringComparison.OrdinalIgnoreCase))?.Url.AbsoluteUri);
}
