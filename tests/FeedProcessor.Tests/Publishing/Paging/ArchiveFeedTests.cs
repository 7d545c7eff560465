using System.ServiceModel.Syndication;
using System.Xml;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Publishing.Paging;

/// <summary>
/// The feed over the whole archive, as a subscriber sees it through the API: filters reach old articles of a quiet
/// source behind many busy ones, next links walk every article once, retention empties archive and index together,
/// and a store written with the single index blob is indexed on first start.
/// </summary>
public sealed class ArchiveFeedTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static Article Make(string id, string sourceId, DateTimeOffset published, string language = "ru") => new()
    {
        Id = id,
        SourceId = sourceId,
        SourceTitle = sourceId,
        Title = $"Statement {id}",
        Url = $"https://{sourceId}.example.gov/news/{id}",
        Published = published,
        FirstSeen = published,
        Language = language,
        Summary = $"Summary {id}",
        ContentHtml = $"<p>Text {id}</p>",
        ContentText = $"Text {id}",
    };

    private static async Task<(IBlobStore Store, ArticleIndexer Indexer, FeedApi Api, List<SourceDefinition> Sources)> ArchiveAsync(IEnumerable<Article> articles, Retention? retention = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "feedproc-archive-" + Guid.NewGuid().ToString("N"));
        var store = new FileBlobStore(folder);
        var list = articles.ToList();
        foreach (var article in list) await new ArticleStore(store).WriteAsync(article, WriteCondition.None);
        var index = SqliteArticleIndex.ForFolder(folder);
        var indexer = new ArticleIndexer(index, retention ?? Retention.Default);
        foreach (var batch in list.Chunk(500)) await indexer.AddAsync(batch);
        var sources = list.Select(a => a.SourceId).Distinct().Select(id => new SourceDefinition { Id = id, Title = id, Url = new Uri($"https://{id}.example.gov/rss") }).ToList();
        return (store, indexer, new FeedApi(store, new PublishedIndex(index, store, retention, TimeSpan.Zero), () => sources), sources);
    }

    private static IEnumerable<Article> Busy(int sources, int each) =>
        Enumerable.Range(0, sources).SelectMany(s => Enumerable.Range(0, each).Select(i => Make($"b{s:D3}x{i:D2}", $"busy{s:D3}", Now.AddMinutes(-(s * each + i)))));

    private static Task<ApiResponse> GetAsync(FeedApi api, string query) =>
        api.HandleAsync(new ApiRequest { Route = "feed", Host = "127.0.0.1:7071", Query = PublishingFixtures.ParseQuery(query) });

    private static SyndicationFeed Read(ApiResponse response)
    {
        Assert.Equal(200, response.Status);
        using var reader = XmlReader.Create(new MemoryStream(response.Body.ToArray()));
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public async Task A_quiet_source_and_a_kazakh_source_get_their_older_articles_behind_300_busy_sources()
    {
        var quiet = new[] { 20, 25, 30 }.Select(days => Make($"quiet{days}", "quiet", Now.AddDays(-days), "kk")).ToList();
        var (_, _, api, _) = await ArchiveAsync(Busy(300, 5).Concat(quiet));

        var bySource = Read(await GetAsync(api, "source=quiet"));
        var byLanguage = Read(await GetAsync(api, "lang=kk"));

        Assert.Equal(["quiet20", "quiet25", "quiet30"], bySource.Items.Select(i => i.Title.Text.Replace("Statement ", "")));
        Assert.Equal(["quiet20", "quiet25", "quiet30"], byLanguage.Items.Select(i => i.Title.Text.Replace("Statement ", "")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("format=atom&lang=ru")]
    public async Task Following_next_links_visits_every_article_once_while_articles_arrive(string query)
    {
        var (store, indexer, api, _) = await ArchiveAsync(Busy(60, 30));
        var seen = new List<string>();
        var url = "/api/feed?" + query;
        var arrived = 0;
        for (var pages = 0; pages < 1000 && url is not null; pages++)
        {
            var feed = Read(await GetAsync(api, new Uri("http://127.0.0.1" + url).Query));
            seen.AddRange(feed.Items.Select(i => i.Title.Text));
            // Newer articles arrive during the walk; the walk goes on where it was.
            var fresh = Make($"fresh{arrived++}", "busy000", Now.AddMinutes(10 + arrived));
            await new ArticleStore(store).WriteAsync(fresh, WriteCondition.None);
            await indexer.AddAsync([fresh]);
            url = feed.Links.FirstOrDefault(l => l.RelationshipType == "next")?.Uri is { } next ? next.PathAndQuery : null;
        }

        var archived = seen.Where(t => !t.Contains("fresh")).ToList();
        Assert.Equal(60 * 30, archived.Count);
        Assert.Equal(archived.Count, archived.Distinct().Count());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Retention_removes_old_articles_from_the_archive_and_the_index_together()
    {
        var articles = new[] { Make("old", "mfa", Now.AddDays(-40)), Make("recent", "mfa", Now.AddDays(-2)) };
        var (store, indexer, api, _) = await ArchiveAsync(articles, new Retention(365));
        Assert.Equal(2, Read(await GetAsync(api, "")).Items.Count());

        var removed = await new RetentionSweep(store, indexer.Index, new Retention(30)).RunAsync();

        Assert.Equal(1, removed);
        Assert.Null((await new ArticleStore(store).ReadAsync("old")).Article);
        Assert.NotNull((await new ArticleStore(store).ReadAsync("recent")).Article);
        Assert.Null(await indexer.Index.FindAsync("old"));
        Assert.Equal(["Statement recent"], Read(await GetAsync(api, "")).Items.Select(i => i.Title.Text));
    }

    [Fact]
    public async Task A_store_with_the_single_index_blob_is_indexed_on_first_start()
    {
        var folder = Path.Combine(Path.GetTempPath(), "feedproc-legacy-" + Guid.NewGuid().ToString("N"));
        var store = new FileBlobStore(folder);
        var articles = Busy(30, 50).ToList();
        foreach (var article in articles) await new ArticleStore(store).WriteAsync(article, WriteCondition.None);
        // The former index: the newest 1,000 articles in one blob.
        var legacy = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { articles = articles.Take(1000), updated = Now },
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
        await store.WriteAsync(Containers.Index, IndexRebuild.LegacyIndexBlob, legacy, WriteCondition.None);

        var index = SqliteArticleIndex.ForFolder(folder);
        var indexer = new ArticleIndexer(index);
        await new IndexMaintenance(store, indexer, Retention.Default).RunAsync();

        var sources = articles.Select(a => a.SourceId).Distinct().Select(id => new SourceDefinition { Id = id, Title = id, Url = new Uri($"https://{id}.example.gov/rss") }).ToList();
        var api = new FeedApi(store, new PublishedIndex(index, store, null, TimeSpan.Zero), () => sources);
        var oldest = Read(await GetAsync(api, "source=busy029&limit=100"));
        Assert.Equal(50, oldest.Items.Count());
        Assert.True(await index.IsBuiltAsync());
        Assert.Null(await store.ReadAsync(Containers.Index, IndexRebuild.LegacyIndexBlob));
        Assert.Equal(0, await IndexRebuild.RunIfNeededAsync(store, indexer));
    }
}
