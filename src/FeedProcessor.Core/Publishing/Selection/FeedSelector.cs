using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Publishing.Query;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Core.Publishing.Selection;

/// <summary>
/// Reads one page of a feed: the index entries that match the query after its position, then their articles.
/// The per-source cap of a mixed feed ends the page at the first article it would leave out, so the next page starts
/// with it: the cap defers an article, never hides it from a reader who walks the pages.
/// </summary>
public static class FeedSelector
{
    public static async Task<FeedSelection> SelectAsync(IArticleIndex index, ArticleStore articles, FeedQuery query, Retention retention,
        IReadOnlyList<SourceDefinition> sources, PublishingOptions options, CancellationToken cancellationToken = default)
    {
        var page = await index.ReadAsync(FilterOf(query, retention), query.After, query.Limit + 1, cancellationToken).ConfigureAwait(false);
        // The cap protects a mixed feed; a subscriber who asked for one source wants all of it.
        var perSourceCap = query.Sources.Count == 1 ? int.MaxValue : Math.Max(1, options.PerSourceCap);
        var perSource = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var entries = new List<IndexEntry>(Math.Min(query.Limit, page.Entries.Count));
        IndexPosition? next = page.ContinueAfter;
        foreach (var entry in page.Entries)
        {
            perSource.TryGetValue(entry.SourceId, out var count);
            if (entries.Count >= query.Limit || count >= perSourceCap)
            {
                next = entries[^1].Position;
                break;
            }
            perSource[entry.SourceId] = count + 1;
            entries.Add(entry);
        }

        var loaded = await Task.WhenAll(entries.Select(entry => LoadAsync(articles, entry, cancellationToken))).ConfigureAwait(false);
        return new FeedSelection(FeedTitle.For(query, sources, options), [.. loaded.OfType<Article>()]) { Next = next };
    }

    public static IndexFilter FilterOf(FeedQuery query, Retention retention)
    {
        var cutoff = retention.Cutoff;
        return new IndexFilter
        {
            Sources = query.Sources,
            Language = query.Language,
            Category = query.Category,
            Text = query.Text,
            Since = query.Since is { } since && since > cutoff ? since : cutoff,
        };
    }

    /// <summary>The stored article with what the index knows better: the other sources of its story, and when it was first seen.</summary>
    private static async Task<Article?> LoadAsync(ArticleStore articles, IndexEntry entry, CancellationToken cancellationToken)
    {
        var (article, _) = await articles.ReadAsync(entry.Id, cancellationToken).ConfigureAwait(false);
        if (article is null) return null; // removed by the retention sweep since the index was read
        article.AlsoPublishedBy = [.. entry.AlsoPublishedBy];
        article.FirstSeen = entry.FirstSeen;
        return article;
    }
}
