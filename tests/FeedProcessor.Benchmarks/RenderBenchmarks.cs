using BenchmarkDotNet.Attributes;
using FeedProcessor.Benchmarks.Workloads;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Benchmarks;

/// <summary>
/// `GET /api/feed` from a folder store of 1,000 articles of 20 sources with its SQLite index: rendering each format
/// once per index version (a page read from the index, the articles read from their blobs), and the cached answers
/// every later request gets (200 with the same bytes, or 304 on If-None-Match).
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private PublishedIndex _index = null!;
    private List<SourceDefinition> _sources = [];
    private FeedEndpoint _warm = new();
    private ApiRequest _revalidation = new();

    [Params("rss", "atom", "json")]
    public string Format { get; set; } = "rss";

    public int Articles { get; set; } = 1000;

    [GlobalSetup]
    public void Setup()
    {
        _sources = SampleArticles.Sources(20);
        var folder = Path.Combine(Path.GetTempPath(), "feedproc-bench-" + Guid.NewGuid().ToString("N"));
        var store = new FileBlobStore(folder);
        var articles = SampleArticles.Create(Articles, _sources);
        var archive = new ArticleStore(store);
        foreach (var article in articles) archive.WriteAsync(article, WriteCondition.None).GetAwaiter().GetResult();
        var retention = new Retention(Retention.MaxDays);
        var index = SqliteArticleIndex.ForFolder(folder);
        new ArticleIndexer(index, retention).AddAsync(articles).GetAwaiter().GetResult();
        _index = new PublishedIndex(index, store, retention, TimeSpan.FromDays(1));
        _warm = new FeedEndpoint();
        var etag = Handle(_warm, Request()).Headers["ETag"];
        _revalidation = Request(("If-None-Match", etag));
    }

    private ApiResponse Handle(FeedEndpoint endpoint, ApiRequest request) => endpoint.HandleAsync(request, _index, _sources).GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public int RenderOnce() => Handle(new FeedEndpoint(), Request()).Body.Length;

    [Benchmark]
    public int Cached200() => Handle(_warm, Request()).Body.Length;

    [Benchmark]
    public int Cached304() => Handle(_warm, _revalidation).Status;

    private ApiRequest Request(params (string Name, string Value)[] headers) => new()
    {
        Route = FeedEndpoint.Route,
        Host = "127.0.0.1:7071",
        Query = [KeyValuePair.Create("format", Format)],
        Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
    };
}
