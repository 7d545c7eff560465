using FeedProcessor.Benchmarks;

namespace FeedProcessor.Tests.Performance;

/// <summary>
/// Each benchmark's workload run once at a tiny size, so the benchmarks cannot rot unnoticed. Nothing here is timed:
/// the figures come from tests/perf/run.sh and BenchmarkDotNet.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public void Parse_workloads_read_every_item_of_the_same_feed()
    {
        var benchmarks = new ParseBenchmarks { Items = 20 };
        benchmarks.Setup();
        Assert.Equal(20, benchmarks.FeedProcessorParseAndNormalize());
        Assert.Equal(20, benchmarks.FeedProcessorParseOnly());
        Assert.Equal(20, benchmarks.CodeHollowParse());
        Assert.Equal(20, benchmarks.SyndicationParse());
    }

    [Fact]
    public void Sanitize_workloads_produce_html_on_every_path()
    {
        var benchmarks = new SanitizeBenchmarks();
        benchmarks.Setup();
        Assert.True(benchmarks.Html() > 0);
        Assert.Equal(benchmarks.HtmlThroughTheFullParser(), benchmarks.Html());
        Assert.True(benchmarks.PlainText() > 0);
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    [InlineData("json")]
    public void Render_workloads_answer_200_with_the_cached_bytes_and_304_on_revalidation(string format)
    {
        var benchmarks = new RenderBenchmarks { Format = format, Articles = 40 };
        benchmarks.Setup();
        var rendered = benchmarks.RenderOnce();
        Assert.True(rendered > 1000);
        Assert.Equal(rendered, benchmarks.Cached200());
        Assert.Equal(304, benchmarks.Cached304());
    }

    [Fact]
    public void Index_workload_adds_a_batch_to_the_article_index()
    {
        var benchmarks = new IndexBenchmarks { Batch = 1 };
        benchmarks.Setup();
        Assert.Equal(1, benchmarks.Add());
        benchmarks.Cleanup();
    }
}
