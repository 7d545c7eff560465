using FeedProcessor.Core.Normalizing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// Builds the index from the stored articles once, the first time a store is used with it: a store written before
/// the index existed (it had only `index/feed.json`) serves its whole archive afterwards. Reads the articles in
/// batches, never all at once; a rebuild cut short starts again at the next start (adding is idempotent), and only a
/// finished one is marked, after which the old `index/feed.json` is deleted.
/// </summary>
public static class IndexRebuild
{
    public const string LegacyIndexBlob = "feed.json";
    private const int BatchSize = 200;

    /// <returns>How many articles were added; 0 when the index was built already.</returns>
    public static async Task<int> RunIfNeededAsync(IBlobStore store, ArticleIndexer indexer, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        if (await indexer.Index.IsBuiltAsync(cancellationToken).ConfigureAwait(false)) return 0;
        var articles = new ArticleStore(store);
        var added = 0;
        var names = new List<string>(BatchSize);
        async Task AddBatchAsync()
        {
            var batch = await Task.WhenAll(names.Select(async name => (await articles.ReadAsync(name[..^5], cancellationToken).ConfigureAwait(false)).Article)).ConfigureAwait(false);
            await indexer.AddAsync([.. batch.OfType<Article>()], cancellationToken).ConfigureAwait(false);
            added += names.Count;
            names.Clear();
        }

        await foreach (var name in store.ListAsync(Containers.Articles, null, cancellationToken).ConfigureAwait(false))
        {
            if (name.Contains('/') || !name.EndsWith(".json", StringComparison.Ordinal)) continue;
            if (added == 0 && names.Count == 0) logger.LogInformation("Building the article index from the stored articles in {Store}", store.Description);
            names.Add(name);
            if (names.Count >= BatchSize) await AddBatchAsync().ConfigureAwait(false);
        }
        if (names.Count > 0) await AddBatchAsync().ConfigureAwait(false);
        await indexer.Index.MarkBuiltAsync(cancellationToken).ConfigureAwait(false);
        if (await store.DeleteAsync(Containers.Index, LegacyIndexBlob, cancellationToken).ConfigureAwait(false))
            logger.LogInformation("The article index replaces index/{Blob}, which was deleted", LegacyIndexBlob);
        if (added > 0) logger.LogInformation("Indexed {Count} stored articles", added);
        return added;
    }
}
