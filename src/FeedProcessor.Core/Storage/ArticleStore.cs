using FeedProcessor.Core.Normalizing;

namespace FeedProcessor.Core.Storage;

/// <summary>
/// Normalized articles: the current version at `articles/{id}.json`; when a source changes an article after it
/// was first seen, the earlier version is kept at `articles/history/{id}/{contentHash}.json`.
/// </summary>
public sealed class ArticleStore(IBlobStore store)
{
    public static string NameOf(string articleId) => $"{articleId}.json";

    public async Task<(Article? Article, string? ETag)> ReadAsync(string articleId, CancellationToken cancellationToken = default)
    {
        var blob = await store.ReadAsync(Containers.Articles, NameOf(articleId), cancellationToken).ConfigureAwait(false);
        return blob is null ? (null, null) : (StoredJson.Deserialize<Article>(blob.Content), blob.ETag);
    }

    /// <summary>Writes under a precondition; null when another writer got there first.</summary>
    public Task<string?> WriteAsync(Article article, WriteCondition condition, CancellationToken cancellationToken = default) =>
        store.WriteAsync(Containers.Articles, NameOf(article.Id), StoredJson.Serialize(article), condition, cancellationToken);

    public Task KeepEarlierVersionAsync(Article earlier, CancellationToken cancellationToken = default) =>
        store.WriteAsync(Containers.Articles, $"history/{earlier.Id}/{earlier.ContentHash ?? "unknown"}.json",
            StoredJson.Serialize(earlier), WriteCondition.None, cancellationToken);

    /// <summary>Ids of every stored article (current versions only).</summary>
    public async Task<HashSet<string>> ListIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var name in store.ListAsync(Containers.Articles, null, cancellationToken).ConfigureAwait(false))
            if (!name.Contains('/') && name.EndsWith(".json", StringComparison.Ordinal))
                ids.Add(name[..^5]);
        return ids;
    }
}
