using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Performance;

namespace FeedProcessor.Tests.Processing;

/// <summary>The Functions app adds articles to the index in groups as they arrive, losing none.</summary>
public sealed class CoalescingIndexMergerTests
{
    [Fact]
    public async Task Articles_arriving_together_are_added_in_a_few_batches_and_none_is_lost()
    {
        const int articles = 60;
        var test = TestIndex.Sqlite();
        var slow = new InstrumentedIndex(test.Index) { Delay = TimeSpan.FromMilliseconds(20) };
        var merger = new CoalescingIndexMerger(new ArticleIndexer(slow, TestIndex.Forever));

        // As 60 blob-trigger invocations of one instance finishing their articles at about the same time.
        await Task.WhenAll(Enumerable.Range(0, articles).Select(i => Task.Run(() => merger.MergeAsync(Make(i)))));

        var ids = await test.IdsAsync();
        Assert.Equal(articles, ids.Count);
        Assert.Equal(articles, ids.Distinct().Count());
    }

    [Fact]
    public async Task A_failed_write_fails_the_articles_waiting_for_it_and_the_next_ones_are_merged()
    {
        var test = TestIndex.Sqlite();
        var failing = new InstrumentedIndex(test.Index) { Fail = true };
        var merger = new CoalescingIndexMerger(new ArticleIndexer(failing, TestIndex.Forever));

        await Assert.ThrowsAsync<IOException>(() => merger.MergeAsync(Make(1)));

        failing.Fail = false;
        await merger.MergeAsync(Make(2));
        Assert.Equal(["a2"], await test.IdsAsync());
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
}
