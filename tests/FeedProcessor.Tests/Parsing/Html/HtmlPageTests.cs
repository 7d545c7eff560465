using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Parsing.Html;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Tests.Parsing.Html;

public class HtmlPageTests
{
    private static string Html(string file) => File.ReadAllText(ParsingTestData.PathOf("Html", file));

    [Fact]
    public void List_page_links_are_absolute_deduplicated_and_web_only()
    {
        var links = HtmlListPage.ExtractLinks(Html("list_page.html"), new Uri("https://minfin.example.kz/news"), "li.news-item");
        Assert.Equal(
            ["https://minfin.example.kz/news/1", "https://minfin.example.kz/news/2", "https://minfin.example.kz/news/3?lang=ru"],
            links.Select(l => l.AbsoluteUri));
    }

    [Fact]
    public void Invalid_selector_finds_nothing_instead_of_failing()
    {
        Assert.Empty(HtmlListPage.ExtractLinks(Html("list_page.html"), new Uri("https://minfin.example.kz/"), "li[[["));
    }

    [Fact]
    public void Article_page_reads_metadata_and_main_text_without_page_chrome()
    {
        var entry = HtmlArticlePage.Parse(Html("article_page.html"), new Uri("https://primeminister.example.kz/kk/news/123?utm=x"), null);
        Assert.Equal("Үкімет отырысында экономика талқыланды", entry.Title);
        Assert.Equal("2024-02-04T10:00:00+06:00", entry.Published); // JSON-LD ranks before article:published_time
        Assert.Equal("https://primeminister.example.kz/uploads/meeting.jpg", entry.ImageUrl);
        Assert.Equal("https://primeminister.example.kz/kk/news/123", entry.Link);
        Assert.Equal("kk", entry.Language);
        Assert.Contains("<p>Бірінші абзац: Премьер-Министр кеңес өткізді.</p>", entry.ContentHtml);
        Assert.Contains("<p>Екінші абзац: экономика мәселелері қаралды.</p>", entry.ContentHtml);
        Assert.DoesNotContain("Мәзір", entry.ContentHtml);
        Assert.DoesNotContain("Жарнама", entry.ContentHtml);
        Assert.DoesNotContain("track()", entry.ContentHtml);
    }

    [Fact]
    public void Selectors_win_over_page_metadata()
    {
        var selectors = new HtmlSelectors { ItemLinks = "a", Title = "article h1", Date = "script[type='application/ld+json']", Content = "aside" };
        var entry = HtmlArticlePage.Parse(Html("article_page.html"), new Uri("https://primeminister.example.kz/"), selectors with { Date = null });
        Assert.Equal("Үкімет отырысы", entry.Title);
        Assert.Contains("Жарнама", entry.ContentHtml);
    }

    [Fact]
    public void Falls_back_to_title_visible_date_and_the_main_block()
    {
        var entry = HtmlArticlePage.Parse(Html("bare_article_page.html"), new Uri("https://bare.example.kz/a"), null);
        Assert.Equal("Page title only", entry.Title);
        Assert.Equal("2024-02-04T14:30", entry.Published); // "4 февраля 2024 г., 14:30"
        Assert.StartsWith("The first long paragraph", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(entry.ContentHtml!).Body!.TextContent.TrimStart());
        Assert.DoesNotContain("Footer", entry.ContentHtml);
        Assert.DoesNotContain("Short", entry.ContentHtml);
    }

    [Fact]
    public void Feed_parser_refuses_an_html_page_with_advice()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Html("article_page.html"));
        var error = Assert.Throws<FeedParseException>(() => FeedParser.Parse(bytes, new ParseOptions()));
        Assert.Contains("this is an HTML page, not a feed; use kind \"html\"", error.Message);
    }

    [Fact]
    public void Feed_parser_reads_an_html_page_as_one_article_for_html_sources()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Html("article_page.html"));
        var feed = FeedParser.Parse(bytes, new ParseOptions { Kind = SourceKind.Html, DocumentUrl = new Uri("https://primeminister.example.kz/kk/news/123") });
        Assert.Equal(FeedFormats.Html, feed.Format);
        Assert.Equal("Үкімет отырысында экономика талқыланды", feed.Entries.Single().Title);
    }

    [Fact]
    public void Html_article_without_a_document_url_keeps_no_made_up_addresses()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Html("bare_article_page.html").Replace("<head>", "<head><meta property=\"og:image\" content=\"/img/a.jpg\">"));
        var entry = FeedParser.Parse(bytes, new ParseOptions { Kind = SourceKind.Html }).Entries.Single();
        Assert.Equal("Page title only", entry.Title);
        Assert.Null(entry.Link);
        Assert.Null(entry.ImageUrl);
        Assert.Null(entry.Site);
    }
}
