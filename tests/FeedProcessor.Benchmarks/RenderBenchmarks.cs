using BenchmarkDotNet.Attributes;
using FeedProcessor.Benchmarks.Workloads;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Benchmarks;

/// <summary>
/// `GET /api/feed` from a full index (1,000 articles of 20 sources): rendering each format once per index version,
/// and the cached answers every later request gets (200 with the same bytes, or 304 on If-None-Match).
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private FeedIndex _index = new();
    private List<SourceDefinition> _sources = [];
    private FeedEndpoint _warm = new();
    private ApiRequest _revalidation = new();

    [Params("rss", "atom", "json")]
    public string Format { get; set; } = "rss";

    /// <summary>Index size; the stored index holds at most <see cref="FeedIndex.DefaultCapacity"/>.</summary>
    public int Articles { get; set; } = FeedIndex.DefaultCapacity;

    [GlobalSetup]
    public void Setup()
    {
        _sources = SampleArticles.Sources(20);
        _index = new FeedIndex();
        _index.Merge(SampleArticles.Create(Articles, _sources));
        _warm = new FeedEndpoint();
        var etag = _warm.Handle(Request(), _index, "\"v1\"", _sources).Headers["ETag"];
        _revalidation = Request(("If-None-Match", etag));
    }

    [Benchmark(Baseline = true)]
    public int RenderOnce() => new FeedEndpoint().Handle(Request(), _index, "\"v1\"", _sources).Body.Length;

    [Benchmark]
    public int Cached200() => _warm.Handle(Request(), _index, "\"v1\"", _sources).Body.Length;

    [Benchmark]
    public int Cached304() => _warm.Handle(_revalidation, _index, "\"v1\"", _sources).Status;

    private ApiRequest Request(params (string Name, string Value)[] headers) => new()
    {
        Route = FeedEndpoint.Route,
        Host = "127.0.0.1:7071",
        Query = [KeyValuePair.Create("format", Format)],
        Headers = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase),
    };
}
