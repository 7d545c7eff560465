using BenchmarkDotNet.Attributes;
using FeedProcessor.Benchmarks.Workloads;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Normalizing.Duplicates;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Benchmarks;

/// <summary>
/// One index update as the pipeline does it: read the stored index (deserialize), merge a batch of new articles with
/// story matching, write it back (serialize).
/// </summary>
[MemoryDiagnoser]
public class IndexBenchmarks
{
    private byte[] _stored = [];
    private List<Article> _batch = [];

    [Params(1, 500)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sources = SampleArticles.Sources(20);
        var index = new FeedIndex();
        index.Merge(SampleArticles.Create(FeedIndex.DefaultCapacity, sources, offset: Batch));
        _stored = StoredJson.Serialize(index);
        _batch = SampleArticles.Create(Batch, sources);
    }

    [Benchmark]
    public int ReadMergeWrite()
    {
        var index = StoredJson.Deserialize<FeedIndex>(_stored)!;
        index.Merge(_batch, FeedIndex.DefaultCapacity, StoryMatcher.IsSameStory);
        return StoredJson.Serialize(index).Length;
    }
}
