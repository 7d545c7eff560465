namespace FeedProcessor.Core.Storage;

/// <summary>
/// The one storage contract of FeedProcessor: named blobs in containers, with ETags for optimistic concurrency.
/// Implemented over Azure Blob Storage (Azurite locally) and over a folder for local runs; one contract test
/// suite runs against both.
/// </summary>
public interface IBlobStore
{
    /// <summary>A short description for logs and the health endpoint, without secrets.</summary>
    string Description { get; }

    /// <summary>The blob's content and ETag, or null when it does not exist.</summary>
    Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the blob when <paramref name="condition"/> holds and returns its new ETag;
    /// returns null when the condition failed (it exists already, or its ETag moved on).
    /// </summary>
    Task<string?> WriteAsync(string container, string name, ReadOnlyMemory<byte> content, WriteCondition condition,
        CancellationToken cancellationToken = default);

    /// <summary>Names of the blobs in a container, optionally under a prefix, in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the blob; false when it was not there.</summary>
    Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes an exclusive lease on a name for a limited time, so that two hosts polling at once do not both
    /// fetch the same source. Returns null when someone else holds it. The lease expires by itself, so a
    /// crashed holder blocks nobody for longer than <paramref name="duration"/>.
    /// </summary>
    Task<IBlobLease?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken cancellationToken = default);
}

public sealed record StoredBlob(byte[] Content, string ETag, DateTimeOffset LastModified);

/// <summary>The precondition of a write.</summary>
public readonly record struct WriteCondition(WriteConditionKind Kind, string? ETag = null)
{
    public static WriteCondition None => new(WriteConditionKind.None);
    public static WriteCondition IfNotExists => new(WriteConditionKind.IfNotExists);
    public static WriteCondition IfMatch(string etag) => new(WriteConditionKind.IfMatch, etag);
}

public enum WriteConditionKind { None, IfNotExists, IfMatch }

/// <summary>A held lease; disposing releases it.</summary>
public interface IBlobLease : IAsyncDisposable
{
    Task<bool> RenewAsync(CancellationToken cancellationToken = default);
}
