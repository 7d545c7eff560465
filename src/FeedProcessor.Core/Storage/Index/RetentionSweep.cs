using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// Removes articles older than the retention from the index and the archive together: each entry, then its article,
/// its earlier versions and its raw items. Removing from the index first means a crash between the two leaves an
/// unlisted blob (which the next sweep or the Azure lifecycle rule on `articles/` removes), never a listed article without
/// its blob. Queries never return an entry older than the retention, so what the sweep has not reached yet is not served.
/// </summary>
public sealed class RetentionSweep(IBlobStore store, IArticleIndex index, Retention retention, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <returns>How many articles were removed.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = retention.Cutoff;
        var removed = 0;
        await foreach (var entry in index.OlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false))
        {
            await index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
            await store.DeleteAsync(Containers.Articles, ArticleStore.NameOf(entry.Id), cancellationToken).ConfigureAwait(false);
            await DeleteUnderAsync(Containers.Articles, $"history/{entry.Id}/", cancellationToken).ConfigureAwait(false);
            // Without its raw items, an article gone from the archive is not normalized back by the start-up catch-up.
            await DeleteUnderAsync(Containers.Raw, $"{entry.SourceId}/{entry.Id}.", cancellationToken).ConfigureAwait(false);
            removed++;
        }
        if (removed > 0) _logger.LogInformation("Removed {Count} articles older than {Days} days from the archive and the index", removed, retention.Days);
        return removed;
    }

    private async Task DeleteUnderAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var name in store.ListAsync(container, prefix, cancellationToken).ConfigureAwait(false)) names.Add(name);
        foreach (var name in names) await store.DeleteAsync(container, name, cancellationToken).ConfigureAwait(false);
    }
}
