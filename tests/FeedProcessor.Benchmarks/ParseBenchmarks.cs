using System.ServiceModel.Syndication;
using System.Xml;
using BenchmarkDotNet.Attributes;
using CodeHollow.FeedReader;
using FeedProcessor.Benchmarks.Workloads;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Benchmarks;

/// <summary>
/// Parse plus full normalization (sanitizing included), as `feedproc parse` does it, against what a user would pick
/// instead: CodeHollow.FeedReader and System.ServiceModel.Syndication, which only parse the same bytes.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private byte[] _feed = [];

    [Params(20, 1_000, 10_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup() => _feed = SyntheticFeed.Bytes(Items);

    [Benchmark(Baseline = true)]
    public int FeedProcessorParseAndNormalize()
    {
        var count = 0;
        var feed = new ParsedFeed();
        var normalizer = new StreamingNormalizer(
            _ => new NormalizeContext { SourceId = "bench", SourceTitle = feed.Title ?? "bench", FetchedAt = DateTimeOffset.UtcNow },
            (article, _) => count += article.Title.Length > 0 ? 1 : 0);
        FeedParser.Parse(new MemoryStream(_feed, writable: false), new ParseOptions(), feed, normalizer.Add);
        normalizer.Complete();
        return count;
    }

    [Benchmark]
    public int FeedProcessorParseOnly()
    {
        var count = 0;
        FeedParser.Parse(new MemoryStream(_feed, writable: false), new ParseOptions(), _ => count++);
        return count;
    }

    [Benchmark]
    public int CodeHollowParse()
    {
        var feed = FeedReader.ReadFromByteArray(_feed);
        return feed.Items.Count(item => item.Title is not null && item.PublishingDateString is not null);
    }

    [Benchmark]
    public int SyndicationParse()
    {
        using var reader = XmlReader.Create(new MemoryStream(_feed, writable: false));
        var feed = SyndicationFeed.Load(reader);
        return feed.Items.Count(item => item.Title is not null);
    }
}
