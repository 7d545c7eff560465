namespace FeedProcessor.Core.Storage;

/// <summary>
/// Raw blobs that could not be normalized. Each failure is counted (`state/attempts/{raw name}.json`); after
/// <see cref="MaxAttempts"/> the blob is recorded in the `poison` container with the reason, so that it stops
/// being retried, is listed on /api/sources for its source, and an operator can look at it. The raw blob stays.
/// </summary>
public sealed class PoisonStore(IBlobStore store)
{
    public const int MaxAttempts = 3;

    public sealed record PoisonRecord(string RawName, string SourceId, string Reason, int Attempts, DateTimeOffset At);

    internal sealed record AttemptCount(int Attempts, string LastReason);

    /// <summary>Counts a failure; true when the blob has now failed too often and was moved to poison.</summary>
    public async Task<bool> RecordFailureAsync(string rawName, string reason, CancellationToken cancellationToken = default)
    {
        var attemptsName = $"attempts/{rawName}";
        var blob = await store.ReadAsync(Containers.State, attemptsName, cancellationToken).ConfigureAwait(false);
        var attempts = (blob is null ? 0 : StoredJson.Deserialize<AttemptCount>(blob.Content)?.Attempts ?? 0) + 1;
        if (attempts < MaxAttempts)
        {
            await store.WriteAsync(Containers.State, attemptsName, StoredJson.Serialize(new AttemptCount(attempts, reason)), WriteCondition.None, cancellationToken).ConfigureAwait(false);
            return false;
        }
        var record = new PoisonRecord(rawName, SourceIdOf(rawName), reason, attempts, DateTimeOffset.UtcNow);
        await store.WriteAsync(Containers.Poison, rawName, StoredJson.Serialize(record), WriteCondition.None, cancellationToken).ConfigureAwait(false);
        await store.DeleteAsync(Containers.State, attemptsName, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Failures counted for a raw item that is not (yet) poisoned.</summary>
    public async Task<int> FailedAttemptsAsync(string rawName, CancellationToken cancellationToken = default) =>
        await store.ReadAsync(Containers.State, $"attempts/{rawName}", cancellationToken).ConfigureAwait(false) is { } blob
            ? StoredJson.Deserialize<AttemptCount>(blob.Content)?.Attempts ?? 0
            : 0;

    public async Task<bool> IsPoisonedAsync(string rawName, CancellationToken cancellationToken = default) =>
        await store.ReadAsync(Containers.Poison, rawName, cancellationToken).ConfigureAwait(false) is not null;

    public async Task<HashSet<string>> ListNamesAsync(CancellationToken cancellationToken = default)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var name in store.ListAsync(Containers.Poison, null, cancellationToken).ConfigureAwait(false)) names.Add(name);
        return names;
    }

    /// <summary>The records of one source's poison items, or of every source's when <paramref name="sourceId"/> is null.</summary>
    public async Task<List<PoisonRecord>> ListAsync(string? sourceId, CancellationToken cancellationToken = default)
    {
        var records = new List<PoisonRecord>();
        await foreach (var name in store.ListAsync(Containers.Poison, sourceId is null ? null : sourceId + "/", cancellationToken).ConfigureAwait(false))
            if (await store.ReadAsync(Containers.Poison, name, cancellationToken).ConfigureAwait(false) is { } blob
                && StoredJson.Deserialize<PoisonRecord>(blob.Content) is { } record)
                records.Add(record);
        return records;
    }

    /// <summary>
    /// Takes a raw item out of poison with a clean slate (no failures counted), so that the next normalization of it
    /// gets all <see cref="MaxAttempts"/> attempts again. The raw blob itself is untouched. False when it was not poisoned.
    /// </summary>
    public async Task<bool> RequeueAsync(string rawName, CancellationToken cancellationToken = default)
    {
        // Attempts first: should this stop half-way, the item is still poisoned and a second requeue finishes the job.
        await store.DeleteAsync(Containers.State, $"attempts/{rawName}", cancellationToken).ConfigureAwait(false);
        return await store.DeleteAsync(Containers.Poison, rawName, cancellationToken).ConfigureAwait(false);
    }

    private static string SourceIdOf(string rawName) => rawName.Contains('/') ? rawName[..rawName.IndexOf('/')] : "";
}
