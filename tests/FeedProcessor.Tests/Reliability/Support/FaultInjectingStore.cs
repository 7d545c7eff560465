using FeedProcessor.Core.Storage;

namespace FeedProcessor.Tests.Reliability.Support;

/// <summary>
/// A store that hands every call to a real one, after telling a hook what is about to happen, so a test can
/// break storage (stop Azurite) at an exact point of a cycle: "before the 40th write to raw".
/// </summary>
public sealed class FaultInjectingStore(IBlobStore inner) : IBlobStore
{
    private int _writes;

    /// <summary>Called before each write with the container, the blob name and the number of writes so far (1-based).</summary>
    public Action<string, string, int>? BeforeWrite { get; set; }

    /// <summary>Called after each write has landed, with the container and name: throwing from it loses the answer, not the write.</summary>
    public Action<string, string>? AfterWrite { get; set; }

    public string Description => inner.Description;

    public Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(container, name, cancellationToken);

    public async Task<string?> WriteAsync(string container, string name, ReadOnlyMemory<byte> content, WriteCondition condition,
        CancellationToken cancellationToken = default)
    {
        BeforeWrite?.Invoke(container, name, Interlocked.Increment(ref _writes));
        var etag = await inner.WriteAsync(container, name, content, condition, cancellationToken);
        AfterWrite?.Invoke(container, name);
        return etag;
    }

    public IAsyncEnumerable<string> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default) =>
        inner.ListAsync(container, prefix, cancellationToken);

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(container, name, cancellationToken);

    public Task<IBlobLease?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken cancellationToken = default) =>
        inner.TryAcquireLeaseAsync(container, name, duration, cancellationToken);
}
