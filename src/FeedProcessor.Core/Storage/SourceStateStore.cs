using FeedProcessor.Core.Fetching;

namespace FeedProcessor.Core.Storage;

/// <summary>Each source's fetch state and health, one small blob per source: `state/sources/{id}.json`.</summary>
public sealed class SourceStateStore(IBlobStore store)
{
    public static string NameOf(string sourceId) => $"sources/{sourceId}.json";

    public async Task<SourceFetchState> ReadAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        var blob = await store.ReadAsync(Containers.State, NameOf(sourceId), cancellationToken).ConfigureAwait(false);
        var state = blob is null ? null : StoredJson.Deserialize<SourceFetchState>(blob.Content);
        return state ?? new SourceFetchState { SourceId = sourceId };
    }

    public Task WriteAsync(SourceFetchState state, CancellationToken cancellationToken = default) =>
        store.WriteAsync(Containers.State, NameOf(state.SourceId), StoredJson.Serialize(state), WriteCondition.None, cancellationToken);

    /// <summary>Held while a source is polled, so that two hosts (or two timer firings) never fetch it at once.</summary>
    public Task<IBlobLease?> TryLockAsync(string sourceId, TimeSpan duration, CancellationToken cancellationToken = default) =>
        store.TryAcquireLeaseAsync(Containers.State, $"sources/{sourceId}.poll", duration, cancellationToken);
}
