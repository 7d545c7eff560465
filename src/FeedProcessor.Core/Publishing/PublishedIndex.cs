using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Core.Publishing;

/// <summary>
/// The index as a server sees it: the article index, the articles it points to, the retention, and the index
/// version, checked at most once per interval (one small read) whatever the traffic. Rendered responses are cached
/// by version, so while nothing changes a request reads nothing, and while storage is down the last good responses
/// keep being served.
/// </summary>
public sealed class PublishedIndex(IArticleIndex index, IBlobStore store, Retention? retention = null, TimeSpan? refreshInterval = null)
{
    private readonly TimeSpan _refreshInterval = refreshInterval ?? TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile Snapshot? _snapshot;

    public IArticleIndex Index => index;
    public ArticleStore Articles { get; } = new(store);
    public Retention Retention { get; } = retention ?? Retention.Default;

    /// <summary>The version that keys the rendered-response cache, and whether storage answered.</summary>
    public sealed record Snapshot(string Version, DateTimeOffset ReadAt, string? Error)
    {
        /// <summary>When storage first failed in the current outage; null while it answers.</summary>
        public DateTimeOffset? FailingSince { get; init; }
    }

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _snapshot;
        if (current is not null && DateTimeOffset.UtcNow - current.ReadAt < _refreshInterval) return current;
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _snapshot;
            if (current is not null && DateTimeOffset.UtcNow - current.ReadAt < _refreshInterval) return current;
            try
            {
                var version = await index.VersionAsync(cancellationToken).ConfigureAwait(false);
                _snapshot = new Snapshot(version, DateTimeOffset.UtcNow, null);
            }
            catch (Exception e) when (e is not OperationCanceledException && current is not null)
            {
                // Storage is down: keep the last version, so cached responses keep being served, and say so on /api/health.
                _snapshot = current with { ReadAt = DateTimeOffset.UtcNow, Error = e.Message, FailingSince = current.FailingSince ?? DateTimeOffset.UtcNow };
            }
            return _snapshot!;
        }
        finally
        {
            _refreshLock.Release();
        }
    }
}
