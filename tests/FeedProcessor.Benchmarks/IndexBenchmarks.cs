using BenchmarkDotNet.Attributes;
using FeedProcessor.Benchmarks.Workloads;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Benchmarks;

/// <summary>
/// Adding articles to the SQLite article index as the pipeline does (look-up, story window, writes), into an index
/// that already holds 1,000 articles of 20 sources: the cost is per article, whatever the index holds.
/// </summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private List<Article> _batch = [];
    private ArticleIndexer _indexer = null!;
    private string _folder = "";

    [Params(1, 500)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sources = SampleArticles.Sources(20);
        _folder = Path.Combine(Path.GetTempPath(), "feedproc-bench-" + Guid.NewGuid().ToString("N"));
        _indexer = new ArticleIndexer(SqliteArticleIndex.ForFolder(_folder), new Retention(Retention.MaxDays));
        _indexer.AddAsync(SampleArticles.Create(1000, sources, offset: Batch)).GetAwaiter().GetResult();
        _batch = SampleArticles.Create(Batch, sources);
    }

    [Benchmark]
    public int Add()
    {
        _indexer.AddAsync(_batch).GetAwaiter().GetResult();
        return _batch.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
