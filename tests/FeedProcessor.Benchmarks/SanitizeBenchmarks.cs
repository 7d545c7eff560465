using BenchmarkDotNet.Attributes;
using FeedProcessor.Benchmarks.Workloads;
using FeedProcessor.Core.Normalizing.Html;

namespace FeedProcessor.Benchmarks;

/// <summary>One article body through the sanitizer: real HTML takes the DOM path, plain text the fast path.</summary>
[MemoryDiagnoser]
public class SanitizeBenchmarks
{
    private static readonly Uri BaseUrl = new("https://gov.example/news/1");
    private string _html = "";
    private string _plainText = "";

    [GlobalSetup]
    public void Setup()
    {
        _html = SyntheticFeed.ItemHtml(new Random(1), 1);
        _plainText = SyntheticFeed.PlainText(new Random(1));
    }

    [Benchmark(Baseline = true)]
    public int Html() => HtmlCleaner.Clean(_html, BaseUrl).Html.Length;

    [Benchmark]
    public int PlainText() => HtmlCleaner.Clean(_plainText, BaseUrl).Html.Length;
}
