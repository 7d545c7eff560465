using FeedProcessor.Core.Normalizing.Duplicates;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Tests.Infrastructure;

/// <summary>A real index with hooks: writes that take a while or fail, and a callback before each write.</summary>
internal sealed class InstrumentedIndex(IArticleIndex inner) : IArticleIndex
{
    public bool Fail { get; set; }
    public TimeSpan Delay { get; set; }
    public Action<IndexEntry>? BeforePut { get; set; }

    public string Description => inner.Description;
    public Task<IndexEntry?> FindAsync(string id, CancellationToken cancellationToken = default) => inner.FindAsync(id, cancellationToken);
    public Task<IReadOnlyList<IndexEntry>> NearAsync(DateTimeOffset around, TimeSpan span, int max, CancellationToken cancellationToken = default) =>
        inner.NearAsync(around, span, max, cancellationToken);
    public Task<IReadOnlyList<IndexEntry>> SharingKeysAsync(StoryFingerprint story, DateTimeOffset around, TimeSpan span, int max, CancellationToken cancellationToken = default) =>
        inner.SharingKeysAsync(story, around, span, max, cancellationToken);

    public async Task PutAsync(IndexEntry entry, IndexEntry? previous, CancellationToken cancellationToken = default)
    {
        BeforePut?.Invoke(entry);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        if (Fail) throw new IOException("index unavailable");
        await inner.PutAsync(entry, previous, cancellationToken);
    }

    public Task RemoveAsync(IndexEntry entry, CancellationToken cancellationToken = default) => inner.RemoveAsync(entry, cancellationToken);
    public Task<IndexPage> ReadAsync(IndexFilter filter, IndexPosition? after, int max, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(filter, after, max, cancellationToken);
    public Task<string> VersionAsync(CancellationToken cancellationToken = default) => inner.VersionAsync(cancellationToken);
    public IAsyncEnumerable<IndexEntry> OlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => inner.OlderThanAsync(cutoff, cancellationToken);
    public Task<bool> IsBuiltAsync(CancellationToken cancellationToken = default) => inner.IsBuiltAsync(cancellationToken);
    public Task MarkBuiltAsync(CancellationToken cancellationToken = default) => inner.MarkBuiltAsync(cancellationToken);
}
