using System.Text;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Reliability.Support;

namespace FeedProcessor.Tests.Reliability;

/// <summary>Work done twice or at once (at-least-once delivery, two hosts, overlapping timers) still counts once.</summary>
public sealed class ConcurrencyTests
{
    public static TheoryData<string> Stores => ["folder", "azurite"];

    private static async Task<IBlobStore> StoreAsync(string kind) => kind == "folder" ? TestStores.Folder() : await TestStores.AzuriteAsync();

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_same_raw_blob_normalized_twice_or_by_two_workers_at_once_gives_one_article_and_one_entry(string kind)
    {
        var store = await StoreAsync(kind);
        await using var server = new LoopbackServer();
        server.MapBytes("/a.xml", GeneratedFeed.Rss("ministry-a", 5));
        var source = new SourceDefinition { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") };
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var report = await new PollCycle(store, fetcher).PollSourceAsync(source, CancellationToken.None);
        Assert.Equal(5, report.RawBlobs.Count);

        // Event Grid delivers at least once: each blob twice in a row, then all of them by two workers at once.
        var index = kind == "azurite" ? TestIndex.Table((await Azurite.SharedAsync()).ConnectionString) : TestIndex.Sqlite();
        async Task NormalizeAsync(string name)
        {
            var article = await new RawItemProcessor(store, _ => source).ProcessAsync(name);
            await index.Indexer.AddAsync([article!]);
        }
        foreach (var name in report.RawBlobs) { await NormalizeAsync(name); await NormalizeAsync(name); }
        await Task.WhenAll(report.RawBlobs.SelectMany(name => new[] { Task.Run(() => NormalizeAsync(name)), Task.Run(() => NormalizeAsync(name)) }));

        Assert.Equal(5, (await StoredArticles.ArticleIdsAsync(store)).Count);
        Assert.Empty(await StoredArticles.NamesAsync(store, Containers.Articles, "history/"));
        var entries = await index.IdsAsync();
        Assert.Equal(5, entries.Count);
        Assert.Equal(5, entries.Distinct().Count());
    }

    [Fact]
    public async Task Eight_parallel_normalizers_merging_into_the_index_lose_no_entry()
    {
        var index = TestIndex.Table((await Azurite.SharedAsync()).ConnectionString);
        const int writers = 8, perWriter = 15;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            // Each worker has its own index client, as separate Function instances do.
            var writer = index.NewWriter((_, _) => false);
            for (var i = 0; i < perWriter; i++)
                await writer.AddAsync([Article($"w{w}-{i}", w * 100 + i)]);
        })));
        var ids = await index.IdsAsync();
        Assert.Equal(writers * perWriter, ids.Count);
        Assert.Equal(writers * perWriter, ids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Two_hosts_polling_at_once_fetch_a_source_once(string kind)
    {
        var store = await StoreAsync(kind);
        await using var server = new LoopbackServer();
        var feed = GeneratedFeed.Rss("ministry-a", 10);
        server.Map("/a.xml", _ => { Thread.Sleep(800); return new LoopbackServer.Response(200, feed); });
        var sources = new List<SourceDefinition> { new() { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") } };
        using var fetcherA = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        using var fetcherB = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });

        var both = await Task.WhenAll(new PollCycle(store, fetcherA).RunAsync(sources), new PollCycle(store, fetcherB).RunAsync(sources));

        Assert.Equal(1, server.CountRequests("/a.xml"));
        Assert.Equal(["busy", "fetched"], both.Select(r => r.Single().Status).Order());
        Assert.Equal(10, (await StoredArticles.NamesAsync(store, Containers.Raw)).Count);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_crashed_lease_holder_blocks_a_source_only_until_the_lease_expires(string kind)
    {
        var store = await StoreAsync(kind);
        await using var server = new LoopbackServer();
        server.MapBytes("/a.xml", GeneratedFeed.Rss("ministry-a", 3));
        var source = new SourceDefinition { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") };
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        // A holder that never releases: the lease is taken and forgotten, as by a host that died.
        var expiry = kind == "folder" ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15);
        var abandoned = await new SourceStateStore(store).TryLockAsync(source.Id, expiry);
        Assert.NotNull(abandoned);
        var poll = new PollCycle(store, fetcher);

        Assert.Equal("busy", (await poll.PollSourceAsync(source, CancellationToken.None)).Status);
        Assert.Equal(0, server.CountRequests("/a.xml"));
        await Task.Delay(expiry + TimeSpan.FromSeconds(1));
        Assert.Equal("fetched", (await poll.PollSourceAsync(source, CancellationToken.None)).Status);
        Assert.Equal(1, server.CountRequests("/a.xml"));
    }

    [Fact]
    public async Task A_killed_process_lease_on_the_folder_store_is_free_at_once()
    {
        var root = Directory.CreateTempSubdirectory("feedproc-lease-").FullName;
        await using var server = new LoopbackServer();
        var started = new TaskCompletionSource();
        server.Map("/slow.xml", _ => { started.TrySetResult(); Thread.Sleep(8_000); return new LoopbackServer.Response(200, []); });
        var sourcesFile = Path.Combine(root, "sources.json");
        await File.WriteAllTextAsync(sourcesFile, $$"""{"sources": [{"id": "slow", "title": "Slow", "url": "{{server.BaseUrl}}/slow.xml"}]}""");
        using (var holder = Feedproc.Start(root, "poll", "--once", "--sources", sourcesFile, "--store", Path.Combine(root, "store"), "--allow-private-network"))
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            holder.KillHard();
            Assert.True(await holder.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }
        var lease = await new SourceStateStore(new FileBlobStore(Path.Combine(root, "store"))).TryLockAsync("slow", TimeSpan.FromMinutes(1));
        Assert.NotNull(lease);
        await lease.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    private static Article Article(string id, int minutes) => new()
    {
        Id = id,
        SourceId = "s" + id[1],
        SourceTitle = "Source",
        Title = "Title " + id,
        Url = $"https://example.gov/{id}",
        Published = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes),
        FirstSeen = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes),
        ContentHtml = "<p>x</p>",
        ContentText = "x",
    };
}
