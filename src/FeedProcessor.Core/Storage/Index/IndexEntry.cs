using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Normalizing.Duplicates;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// What the article index keeps of one article: enough to filter, order, page and match stories, plus the fields a
/// feed item takes from the index rather than from the article blob (<see cref="AlsoPublishedBy"/>,
/// <see cref="FirstSeen"/>). The article itself stays in `articles/{id}.json`.
/// </summary>
public sealed record IndexEntry
{
    public required string Id { get; init; }
    public required string SourceId { get; init; }
    /// <summary>The time the feed orders by (<see cref="SortTimeOf"/>), in UTC.</summary>
    public required DateTimeOffset SortTime { get; init; }
    public string? Language { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public required string Title { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset FirstSeen { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public IReadOnlyList<string> AlsoPublishedBy { get; init; } = [];
    public required StoryFingerprint Story { get; init; }
    /// <summary>The plain text searched by <c>q=</c>; an index may keep only its beginning (see its description).</summary>
    public string Text { get; init; } = "";

    public IndexPosition Position => new(SortTime.UtcTicks, Id);

    /// <summary>The publication date, or when we first saw an undated article.</summary>
    public static DateTimeOffset SortTimeOf(Article article) => (article.Published ?? article.FirstSeen).ToUniversalTime();

    public static IndexEntry From(Article article) => new()
    {
        Id = article.Id,
        SourceId = article.SourceId,
        SortTime = SortTimeOf(article),
        Language = article.Language,
        Categories = [.. article.Categories.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)],
        Title = article.Title,
        Url = article.Url,
        FirstSeen = article.FirstSeen,
        Updated = article.Updated,
        AlsoPublishedBy = [.. article.AlsoPublishedBy],
        Story = StoryFingerprint.Of(article),
        Text = article.Summary + "\n\n" + article.ContentText,
    };
}
