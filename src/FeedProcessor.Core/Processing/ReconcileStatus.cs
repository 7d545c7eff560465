using FeedProcessor.Core.Storage;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// What the last reconciliation sweep did (`state/reconcile.json`), for /api/health and the logs. Its presence also
/// says that the one-time full listing of an older store (written before the journal existed) is done.
/// </summary>
public sealed record ReconcileStatus
{
    public const string BlobName = "reconcile.json";

    /// <summary>When the one-time full listing ran; every raw item written since is in the journal.</summary>
    public DateTimeOffset JournalSince { get; init; }
    public DateTimeOffset LastRun { get; init; }
    /// <summary>Raw items of the journal that had no article when the sweep looked: deliveries Event Grid missed (or a crash lost).</summary>
    public int Missed { get; init; }
    /// <summary>Events read from dead-letter blobs and replayed.</summary>
    public int DeadLetterEvents { get; init; }
    /// <summary>Dead-letter blobs replayed and removed.</summary>
    public int DeadLetterBlobs { get; init; }
    /// <summary>Notes of interrupted index merges (`state/pending/`) followed.</summary>
    public int PendingMerges { get; init; }
    /// <summary>Articles normalized and merged by the sweep.</summary>
    public int Articles { get; init; }
    /// <summary>Raw items that failed to normalize (counted towards poison).</summary>
    public int Failed { get; init; }
    /// <summary>Articles recovered by every sweep since the store's first.</summary>
    public long TotalArticles { get; init; }
    /// <summary>Why the last sweep could not finish (storage); null when it did.</summary>
    public string? Error { get; init; }

    public static async Task<ReconcileStatus?> ReadAsync(IBlobStore store, CancellationToken cancellationToken = default)
    {
        var blob = await store.ReadAsync(Containers.State, BlobName, cancellationToken).ConfigureAwait(false);
        if (blob is null) return null;
        try { return StoredJson.Deserialize<ReconcileStatus>(blob.Content); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    public Task WriteAsync(IBlobStore store, CancellationToken cancellationToken = default) =>
        store.WriteAsync(Containers.State, BlobName, StoredJson.Serialize(this), WriteCondition.None, cancellationToken);
}
