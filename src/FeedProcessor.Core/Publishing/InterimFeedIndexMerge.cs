// Interim stand-in until the publishing stage's FeedIndex.Merge lands.
using FeedProcessor.Core.Normalizing;

namespace FeedProcessor.Core.Publishing;

public static class InterimFeedIndexMerge
{
    public static void Merge(this FeedIndex index, IEnumerable<Article> incoming, int capacity = FeedIndex.DefaultCapacity, Func<Article, Article, bool>? isSameStory = null)
    {
        var byId = index.Articles.ToDictionary(a => a.Id);
        foreach (var article in incoming) byId[article.Id] = article;
        index.Articles = byId.Values.OrderByDescending(a => a.Published ?? a.FirstSeen).ThenBy(a => a.Id, StringComparer.Ordinal).Take(capacity).ToList();
    }
}
