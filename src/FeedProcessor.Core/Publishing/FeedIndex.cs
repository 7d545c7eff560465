using FeedProcessor.Core.Normalizing;

namespace FeedProcessor.Core.Publishing;

/// <summary>
/// The materialized index the publisher serves from: the newest articles, newest first, already deduplicated
/// across sources. Stored as one blob so that a feed request reads O(1) blobs.
/// </summary>
public sealed class FeedIndex
{
    public const int DefaultCapacity = 1000;

    /// <summary>
    /// How many of the newest articles a new article is compared with to find the same story from another
    /// source. The same story is published within hours by different ministries, so the newest window
    /// finds it while keeping a merge O(m · window) instead of O(m · n).
    /// </summary>
    public const int StoryMatchWindow = 256;

    public List<Article> Articles { get; set; } = [];
    public DateTimeOffset Updated { get; set; }

    /// <summary>The time the feed orders by: the publication date, or when we first saw an undated article.</summary>
    public static DateTimeOffset SortTime(Article article) => article.Published ?? article.FirstSeen;

    /// <summary>Newest first; ties broken by id so that every host renders the same order.</summary>
    public static int NewestFirst(Article a, Article b)
    {
        var byTime = SortTime(b).CompareTo(SortTime(a));
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>
    /// Upserts <paramref name="incoming"/>: a known id is replaced by its newer version (keeping when it was
    /// first seen); a new article that <paramref name="isSameStory"/> matches with an article of another source
    /// is folded into the earlier of the two, which records the other source in
    /// <see cref="Article.AlsoPublishedBy"/>. The result is ordered newest first and capped at
    /// <paramref name="capacity"/>.
    /// </summary>
    public void Merge(IEnumerable<Article> incoming, int capacity = DefaultCapacity, Func<Article, Article, bool>? isSameStory = null)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        isSameStory ??= SameUrl;

        var byId = new Dictionary<string, Article>(Articles.Count, StringComparer.Ordinal);
        foreach (var article in Articles) byId[article.Id] = article;

        var window = new StoryWindow(Articles.Take(StoryMatchWindow));
        var changedAt = Updated;

        foreach (var article in incoming)
        {
            if (article is null) continue;
            if (byId.TryGetValue(article.Id, out var known))
            {
                if (IsStale(article, known)) continue;
                article.FirstSeen = Min(known.FirstSeen, article.FirstSeen);
                AddSources(article.AlsoPublishedBy, known.AlsoPublishedBy, article.SourceId);
                byId[article.Id] = article;
                window.Replace(known, article);
            }
            else if (window.FindSameStory(article, isSameStory) is { } story)
            {
                if (SortTime(article) < SortTime(story))
                {
                    // The newcomer published first: it becomes the story, the known one its echo.
                    AddSources(article.AlsoPublishedBy, [story.SourceId, .. story.AlsoPublishedBy], article.SourceId);
                    byId.Remove(story.Id);
                    byId[article.Id] = article;
                    window.Replace(story, article);
                }
                else
                {
                    AddSources(story.AlsoPublishedBy, [article.SourceId, .. article.AlsoPublishedBy], story.SourceId);
                }
            }
            else
            {
                byId[article.Id] = article;
                window.Add(article);
            }

            var seen = Max(article.FirstSeen, article.Updated ?? article.FirstSeen);
            if (seen > changedAt) changedAt = seen;
        }

        var merged = byId.Values.ToList();
        merged.Sort(NewestFirst);
        if (merged.Count > capacity) merged.RemoveRange(capacity, merged.Count - capacity);
        Articles = merged;
        Updated = changedAt;
    }

    private static bool SameUrl(Article a, Article b) => a.Url is not null && string.Equals(a.Url, b.Url, StringComparison.Ordinal);

    /// <summary>A version is stale only when both carry an update time and it is the older one.</summary>
    private static bool IsStale(Article candidate, Article known) =>
        candidate.Updated is { } candidateUpdated && known.Updated is { } knownUpdated && candidateUpdated < knownUpdated;

    private static void AddSources(List<string> target, IEnumerable<string> sources, string ownSourceId)
    {
        foreach (var source in sources)
            if (!string.Equals(source, ownSourceId, StringComparison.Ordinal) && !target.Contains(source, StringComparer.Ordinal))
                target.Add(source);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    /// <summary>The most recent articles a newcomer is compared with; bounded, oldest entries fall out.</summary>
    private sealed class StoryWindow
    {
        private readonly LinkedList<Article> _articles = new();

        public StoryWindow(IEnumerable<Article> newest)
        {
            foreach (var article in newest) _articles.AddLast(article);
        }

        public Article? FindSameStory(Article article, Func<Article, Article, bool> isSameStory)
        {
            foreach (var candidate in _articles)
                if (!string.Equals(candidate.SourceId, article.SourceId, StringComparison.Ordinal) && isSameStory(candidate, article))
                    return candidate;
            return null;
        }

        public void Add(Article article)
        {
            _articles.AddFirst(article);
            if (_articles.Count > StoryMatchWindow) _articles.RemoveLast();
        }

        public void Replace(Article old, Article replacement)
        {
            var node = _articles.Find(old);
            if (node is not null) node.Value = replacement;
            else Add(replacement);
        }
    }
}
