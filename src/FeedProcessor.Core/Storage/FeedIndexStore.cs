using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Normalizing.Duplicates;
using FeedProcessor.Core.Publishing;

namespace FeedProcessor.Core.Storage;

/// <summary>
/// The materialized feed index (`index/feed.json`): one blob the publisher reads instead of every article.
/// Writers merge with optimistic concurrency (If-Match on the ETag) and retry on conflict, so parallel
/// normalizers lose no entry. The same story from several sources is kept once (<see cref="StoryMatcher"/>). Readers get a copy cached in memory for a short interval, so serving costs at most
/// one blob read per interval whatever the traffic, and keeps serving the last good index while storage is down.
/// </summary>
public sealed class FeedIndexStore(IBlobStore store, TimeSpan? refreshInterval = null, int capacity = FeedIndex.DefaultCapacity,
    Func<Article, Article, bool>? isSameStory = null)
{
    public const string BlobName = "feed.json";
    private const int MaxMergeAttempts = 50;

    private readonly TimeSpan _refreshInterval = refreshInterval ?? TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile Snapshot? _snapshot;

    /// <summary>The index as served, with the version (ETag) that keys the rendered-response cache.</summary>
    public sealed record Snapshot(FeedIndex Index, string Version, DateTimeOffset ReadAt, string? Error)
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
                var blob = await store.ReadAsync(Containers.Index, BlobName, cancellationToken).ConfigureAwait(false);
                _snapshot = blob is null
                    ? new Snapshot(new FeedIndex(), "\"empty\"", DateTimeOffset.UtcNow, null)
                    : current is not null && current.Version == blob.ETag
                        ? current with { ReadAt = DateTimeOffset.UtcNow, Error = null, FailingSince = null }
                        : new Snapshot(StoredJson.Deserialize<FeedIndex>(blob.Content) ?? new FeedIndex(), blob.ETag, DateTimeOffset.UtcNow, null);
            }
            catch (Exception e) when (e is not OperationCanceledException && current is not null)
            {
                // Storage is down: keep serving the last good index, and say so on /api/health.
                _snapshot = current with { ReadAt = DateTimeOffset.UtcNow, Error = e.Message, FailingSince = current.FailingSince ?? DateTimeOffset.UtcNow };
            }
            return _snapshot!;
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>Merges articles into the stored index; retries on concurrent updates until it wins.</summary>
    public async Task MergeAsync(IReadOnlyCollection<Article> articles, CancellationToken cancellationToken = default)
    {
        if (articles.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            var blob = await store.ReadAsync(Containers.Index, BlobName, cancellationToken).ConfigureAwait(false);
            var index = blob is null ? new FeedIndex() : StoredJson.Deserialize<FeedIndex>(blob.Content) ?? new FeedIndex();
            index.Merge(articles, capacity, isSameStory ?? StoryMatcher.IsSameStory);
            index.Updated = DateTimeOffset.UtcNow;
            var condition = blob is null ? WriteCondition.IfNotExists : WriteCondition.IfMatch(blob.ETag);
            var etag = await store.WriteAsync(Containers.Index, BlobName, StoredJson.Serialize(index), condition, cancellationToken).ConfigureAwait(false);
            if (etag is not null)
            {
                _snapshot = new Snapshot(index, etag, DateTimeOffset.UtcNow, null);
                return;
            }
            if (attempt >= MaxMergeAttempts)
                throw new InvalidOperationException($"The feed index changed under {MaxMergeAttempts} attempts in a row; giving up this merge (the raw items stay and are retried).");
            // Someone else merged first: back off a little, with jitter, and merge into their version.
            await Task.Delay(Random.Shared.Next(5, 20 * Math.Min(attempt, 10)), cancellationToken).ConfigureAwait(false);
        }
    }
}
