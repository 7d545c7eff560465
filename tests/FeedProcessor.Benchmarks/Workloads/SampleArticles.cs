using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Benchmarks.Workloads;

/// <summary>Real normalized articles from <see cref="SyntheticFeed"/>, spread over several sources as an index holds them.</summary>
public static class SampleArticles
{
    public static List<SourceDefinition> Sources(int count) => Enumerable.Range(0, count)
        .Select(i => new SourceDefinition { Id = $"ministry-{i}", Title = $"Ministry {i}", Url = new Uri($"https://gov{i}.example/feed") })
        .ToList();

    /// <param name="offset">Items are numbered from here, so two calls with different offsets give different stories.</param>
    public static List<Article> Create(int count, IReadOnlyList<SourceDefinition> sources, int offset = 0)
    {
        var feed = FeedParser.Parse(SyntheticFeed.Bytes(offset + count), new ParseOptions());
        var fetchedAt = new DateTimeOffset(2024, 2, 5, 0, 0, 0, TimeSpan.Zero);
        return feed.Entries.Skip(offset)
            .Select((entry, i) => ArticleNormalizer.Shared.Normalize(entry, NormalizeContext.For(sources[i % sources.Count], fetchedAt)))
            .ToList();
    }
}
