using System.Text;
using AngleSharp.Html.Parser;
using FeedProcessor.Core.Publishing.Pages;
using static FeedProcessor.Tests.Publishing.FeedRendering;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Pages;

/// <summary>The page a browser gets at the feed URL: the feed's items, how to subscribe, and the feeds to discover.</summary>
public sealed class FeedPageTests
{
    private static readonly Dictionary<string, string> Browser = new() { ["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };

    [Fact]
    public void Shows_the_same_items_as_the_rss_in_the_same_order()
    {
        var page = new HtmlParser().ParseDocument(Render(headers: Browser));
        var rss = RenderXml().Root!.Element("channel")!.Elements("item").ToList();

        var articles = page.QuerySelectorAll("main article").ToList();
        Assert.Equal(rss.Select(i => i.Element("title")!.Value), articles.Select(a => a.QuerySelector("h2")!.TextContent));
        Assert.Equal(rss.Select(i => i.Element("link")?.Value), articles.Select(a => a.QuerySelector("h2 a")?.GetAttribute("href")));
        Assert.Equal("FeedProcessor", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public void Links_the_rss_atom_and_json_of_the_same_query_and_shows_the_rss_to_subscribe()
    {
        var page = new HtmlParser().ParseDocument(Render("format=html&lang=ru&limit=2"));

        var alternates = page.QuerySelectorAll("head link[rel=alternate]").ToDictionary(l => l.GetAttribute("type")!, l => l.GetAttribute("href"));
        Assert.Equal("https://news.example.kz/api/feed?lang=ru&limit=2", alternates["application/rss+xml"]);
        Assert.Equal("https://news.example.kz/api/feed?format=atom&lang=ru&limit=2", alternates["application/atom+xml"]);
        Assert.Equal("https://news.example.kz/api/feed?format=json&lang=ru&limit=2", alternates["application/feed+json"]);
        Assert.Equal("https://news.example.kz/api/feed?lang=ru&limit=2", page.QuerySelector(".subscribe code")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("main article").Length);
    }

    [Fact]
    public void Sets_the_language_of_the_page_and_of_each_article()
    {
        var page = new HtmlParser().ParseDocument(Render(headers: Browser));

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["ru", "ru", "kk"], page.QuerySelectorAll("main article").Select(a => a.GetAttribute("lang")));
    }

    [Fact]
    public void Dates_are_utc_on_the_server_with_a_machine_readable_time_for_the_local_time_script()
    {
        var html = Render(headers: Browser);
        var page = new HtmlParser().ParseDocument(html);

        var first = page.QuerySelector("main article time")!;
        Assert.Equal("2024-02-04T09:30:00Z", first.GetAttribute("datetime"));
        Assert.Equal("2024-02-04 09:30 UTC", first.TextContent);
        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Null(script.GetAttribute("src"));
        Assert.Contains("toLocaleString", script.TextContent);
    }

    [Fact]
    public void Hostile_titles_stay_text()
    {
        var index = SampleIndex();
        index.Articles[0].Title = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        index.Articles[0].Author = "\"><b>bold</b>";
        var response = new Core.Publishing.FeedEndpoint().HandleAsync(Request("format=html"), index.Publish(), Sources()).GetAwaiter().GetResult();
        var html = Encoding.UTF8.GetString(response.Body.Span);
        var page = new HtmlParser().ParseDocument(html);

        Assert.Empty(page.QuerySelectorAll("img, b, main script"));
        Assert.Contains("<script>alert(1)</script><img src=x onerror=alert(2)>", page.QuerySelector("main article h2")!.TextContent);
    }

    [Fact]
    public void An_empty_feed_says_so()
    {
        var index = SampleIndex();
        index.Articles.Clear();
        var response = new Core.Publishing.FeedEndpoint().HandleAsync(Request("format=html"), index.Publish(), Sources()).GetAwaiter().GetResult();
        Assert.Contains("No articles yet", Encoding.UTF8.GetString(response.Body.Span));
    }

    [Theory]
    [InlineData("https://x.example/api/feed", null, "https://x.example/api/feed")]
    [InlineData("https://x.example/api/feed?format=html", null, "https://x.example/api/feed")]
    [InlineData("https://x.example/api/feed?source=a&format=html&q=b", "atom", "https://x.example/api/feed?format=atom&source=a&q=b")]
    public void Feed_urls_keep_the_query_and_change_only_the_format(string self, string? format, string expected) =>
        Assert.Equal(expected, FeedPage.FeedUrl(self, format));
}
