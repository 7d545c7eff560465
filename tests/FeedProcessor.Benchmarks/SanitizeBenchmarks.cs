using BenchmarkDotNet.Attributes;
using FeedProcessor.Benchmarks.Workloads;
using FeedProcessor.Core.Normalizing.Html;

namespace FeedProcessor.Benchmarks;

/// <summary>
/// One article body through the sanitizer. Well-formed HTML takes the markup fast path, the same HTML forced through
/// the HTML5 parser and HtmlSanitizer shows what that saves, and plain text needs no parser at all.
/// </summary>
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
    public int HtmlThroughTheFullParser() => HtmlCleaner.FromHtml(_html, BaseUrl).Html.Length;

    [Benchmark]
    public int PlainText() => HtmlCleaner.Clean(_plainText, BaseUrl).Html.Length;
}
