using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Publishing.Query;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Publishing.Selection;

/// <summary>Applies a <see cref="FeedQuery"/> to the index: filters, the per-source cap and the limit, in one pass.</summary>
public static class FeedSelector
{
    public static FeedSelection Select(FeedIndex index, FeedQuery query, IReadOnlyList<SourceDefinition> sources, PublishingOptions options)
    {
        var ordered = IsNewestFirst(index.Articles) ? index.Articles : index.Articles.Order(Comparer<Article>.Create(FeedIndex.NewestFirst)).ToList();
        var wanted = query.Sources.Count > 0 ? new HashSet<string>(query.Sources, StringComparer.OrdinalIgnoreCase) : null;
        // The cap protects a mixed feed; a subscriber who asked for one source wants all of it.
        var perSourceCap = wanted is { Count: 1 } ? int.MaxValue : Math.Max(1, options.PerSourceCap);
        var perSource = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var items = new List<Article>(Math.Min(query.Limit, ordered.Count));

        foreach (var article in ordered)
        {
            if (query.Since is { } since && FeedIndex.SortTime(article) < since) break;
            if (!Matches(article, query, wanted)) continue;
            perSource.TryGetValue(article.SourceId, out var count);
            if (count >= perSourceCap) continue;
            perSource[article.SourceId] = count + 1;
            items.Add(article);
            if (items.Count >= query.Limit) break;
        }

        return new FeedSelection(FeedTitle.For(query, sources, options), items);
    }

    private static bool Matches(Article article, FeedQuery query, HashSet<string>? wanted)
    {
        if (wanted is not null && !wanted.Contains(article.SourceId)) return false;
        if (query.Language is { } language && !LanguageMatches(article.Language, language)) return false;
        if (query.Category is { } category && !article.Categories.Any(c => string.Equals(c.Trim(), category, StringComparison.OrdinalIgnoreCase)))
            return false;
        if (query.Text is { } text &&
            !article.Title.Contains(text, StringComparison.OrdinalIgnoreCase) &&
            !article.ContentText.Contains(text, StringComparison.OrdinalIgnoreCase) &&
            !article.Summary.Contains(text, StringComparison.OrdinalIgnoreCase))
            return false;
        return true;
    }

    /// <summary>"ru" matches "ru" and "ru-KZ"; "ru-KZ" matches only itself.</summary>
    private static bool LanguageMatches(string? articleLanguage, string wanted) =>
        articleLanguage is not null &&
        (articleLanguage.Equals(wanted, StringComparison.OrdinalIgnoreCase) ||
         (articleLanguage.Length > wanted.Length && articleLanguage[wanted.Length] == '-' &&
          articleLanguage.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)));

    private static bool IsNewestFirst(List<Article> articles)
    {
        for (var i = 1; i < articles.Count; i++)
            if (FeedIndex.NewestFirst(articles[i - 1], articles[i]) > 0) return false;
        return true;
    }
}
