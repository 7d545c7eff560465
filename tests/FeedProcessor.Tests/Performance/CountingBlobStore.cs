using System.Collections.Concurrent;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Tests.Performance;

/// <summary>Passes every call to a real store and counts the transactions, as Azure bills them, per container.</summary>
public sealed class CountingBlobStore(IBlobStore inner) : IBlobStore
{
    public ConcurrentQueue<(string Operation, string Container, string Name)> Calls { get; } = new();

    public string Description => inner.Description;

    public int Count(string operation, string? container = null) =>
        Calls.Count(c => c.Operation == operation && (container is null || c.Container == container));

    public void Reset() => Calls.Clear();

    public Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(("read", container, name));
        return inner.ReadAsync(container, name, cancellationToken);
    }

    public Task<string?> WriteAsync(string container, string name, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(("write", container, name));
        return inner.WriteAsync(container, name, content, condition, cancellationToken);
    }

    public IAsyncEnumerable<string> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(("list", container, prefix ?? ""));
        return inner.ListAsync(container, prefix, cancellationToken);
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(("delete", container, name));
        return inner.DeleteAsync(container, name, cancellationToken);
    }

    public Task<IBlobLease?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(("lease", container, name));
        return inner.TryAcquireLeaseAsync(container, name, duration, cancellationToken);
    }
}
