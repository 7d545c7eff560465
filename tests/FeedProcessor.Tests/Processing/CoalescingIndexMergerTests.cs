using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Performance;

namespace FeedProcessor.Tests.Processing;

/// <summary>The Functions app's index writes: one per group of articles that arrive together, never one per article.</summary>
public sealed class CoalescingIndexMergerTests
{
    [Fact]
    public async Task Articles_arriving_together_are_merged_in_a_few_index_writes_and_none_is_lost()
    {
        const int articles = 60;
        var store = new CountingBlobStore(new SlowIndexStore(TestStores.Folder(), TimeSpan.FromMilliseconds(200)));
        var index = new FeedIndexStore(store);
        var merger = new CoalescingIndexMerger(index);

        // As 60 blob-trigger invocations of one instance finishing their articles at about the same time.
        await Task.WhenAll(Enumerable.Range(0, articles).Select(i => Task.Run(() => merger.MergeAsync(Make(i)))));

        var stored = StoredJson.Deserialize<Core.Publishing.FeedIndex>((await store.ReadAsync(Containers.Index, FeedIndexStore.BlobName))!.Content)!;
        Assert.Equal(articles, stored.Articles.Count);
        var writes = store.Count("write", Containers.Index);
        Assert.True(writes <= 5, $"{writes} index writes for {articles} articles");
    }

    [Fact]
    public async Task A_failed_write_fails_the_articles_waiting_for_it_and_the_next_ones_are_merged()
    {
        var failing = new SlowIndexStore(TestStores.Folder(), TimeSpan.Zero) { Fail = true };
        var merger = new CoalescingIndexMerger(new FeedIndexStore(failing));

        await Assert.ThrowsAsync<IOException>(() => merger.MergeAsync(Make(1)));

        failing.Fail = false;
        await merger.MergeAsync(Make(2));
        var stored = StoredJson.Deserialize<Core.Publishing.FeedIndex>((await failing.ReadAsync(Containers.Index, FeedIndexStore.BlobName))!.Content)!;
        Assert.Equal(["a2"], stored.Articles.Select(a => a.Id));
    }

    private static Article Make(int i) => new()
    {
        Id = $"a{i}",
        SourceId = $"s{i}",
        SourceTitle = $"Source {i}",
        Title = $"Statement {i} on a distinct matter number {i * 7919}",
        Url = $"https://gov{i}.example/news/{i}",
        Published = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        FirstSeen = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i),
        ContentHtml = $"<p>Text {i}</p>",
        ContentText = $"Distinct text {i} about {i * 7919}",
        SimHash = (ulong)i * 0x9E3779B97F4A7C15UL,
    };

    /// <summary>A store whose index writes take a while (as a few megabytes to Blob Storage do), or fail.</summary>
    private sealed class SlowIndexStore(IBlobStore inner, TimeSpan delay) : IBlobStore
    {
        public bool Fail { get; set; }
        public string Description => inner.Description;
        public Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken = default) => inner.ReadAsync(container, name, cancellationToken);

        public async Task<string?> WriteAsync(string container, string name, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken cancellationToken = default)
        {
            if (container == Containers.Index)
            {
                if (Fail) throw new IOException("storage is down");
                await Task.Delay(delay, cancellationToken);
            }
            return await inner.WriteAsync(container, name, content, condition, cancellationToken);
        }

        public IAsyncEnumerable<string> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default) => inner.ListAsync(container, prefix, cancellationToken);
        public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(container, name, cancellationToken);
        public Task<IBlobLease?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken cancellationToken = default) => inner.TryAcquireLeaseAsync(container, name, duration, cancellationToken);
    }
}
