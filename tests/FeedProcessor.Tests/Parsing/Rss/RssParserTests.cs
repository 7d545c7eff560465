using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing.Rss;

public class RssParserTests
{
    private static ParsedFeed Feed() => ParsingTestData.Parse("Rss", "rss20_full.xml", new ParseOptions { DocumentUrl = new Uri("https://gov.example.kz/rss.xml") });

    [Fact]
    public void Reads_channel_metadata()
    {
        var feed = Feed();
        Assert.Equal(FeedFormats.Rss20, feed.Format);
        Assert.Equal("Ministry of Example Affairs", feed.Title);
        Assert.Equal("https://gov.example.kz/", feed.Link);
        Assert.Equal("en-us", feed.Language);
        Assert.Equal("Official news", feed.Description);
        Assert.Equal(30, feed.TtlMinutes);
        Assert.Empty(feed.Warnings);
        Assert.Equal(4, feed.Entries.Count);
    }

    [Fact]
    public void Reads_every_item_field()
    {
        var item = Feed().Entries[0];
        Assert.Equal("news-1", item.Guid);
        Assert.False(item.GuidIsPermaLink);
        Assert.Equal("Prime Minister meets delegation", item.Title);
        Assert.Equal("https://gov.example.kz/news/1", item.Link);
        Assert.Equal("Sun, 04 Feb 2024 14:30:00 +0600", item.Published);
        Assert.Equal("Press Office", item.Author);
        Assert.Equal(["Government", "Diplomacy"], item.Categories);
        Assert.Equal("<p>The talks were held <b>today</b>.</p>", item.SummaryHtml);
        Assert.Equal("<p>The talks were held today in <a href=\"/city\">Astana</a>.</p>", item.ContentHtml);
        Assert.Equal("https://gov.example.kz/img/1.jpg", item.ImageUrl);
    }

    [Fact]
    public void Permalink_guid_stands_in_for_a_missing_link()
    {
        var item = Feed().Entries[1];
        Assert.Equal("https://gov.example.kz/news/2", item.Guid);
        Assert.True(item.GuidIsPermaLink);
        Assert.Equal("https://gov.example.kz/news/2", item.Link);
        Assert.Equal("Finance Desk", item.Author);
        Assert.Equal("https://gov.example.kz/img/2.png", item.ImageUrl);
    }

    [Fact]
    public void Reads_dublin_core_itunes_and_media_group()
    {
        var item = Feed().Entries[2];
        Assert.Equal("2024-02-06T10:15:00+06:00", item.Published);
        Assert.Equal("Radio Desk", item.Author);
        Assert.Equal("https://gov.example.kz/img/3-thumb.jpg", item.ImageUrl);
        Assert.Null(item.Guid);
        Assert.Null(item.GuidIsPermaLink);
    }

    [Fact]
    public void Resolves_relative_links_against_the_document_url_and_keeps_raw_markup()
    {
        var item = Feed().Entries[3];
        Assert.Equal("https://gov.example.kz/news/4", item.Link);
        Assert.Equal("https://gov.example.kz/img/4.jpg", item.ImageUrl);
        Assert.Equal("Name Only", item.Author);
        Assert.Equal("<p>Raw <b>markup</b> in description</p>", item.SummaryHtml);
        Assert.Equal("ru", item.Language);
    }

    [Theory]
    [InlineData("press@gov.kz (Press Office)", "Press Office")]
    [InlineData("Press Office <press@gov.kz>", "Press Office")]
    [InlineData("press@gov.kz", "press@gov.kz")]
    [InlineData("Just A Name", "Just A Name")]
    public void Author_keeps_the_name_of_an_email_address(string author, string expected)
    {
        var feed = ParsingTestData.ParseText($"<rss version=\"2.0\"><channel><item><title>t</title><author>{System.Net.WebUtility.HtmlEncode(author)}</author></item></channel></rss>");
        Assert.Equal(expected, feed.Entries[0].Author);
    }

    [Theory]
    [InlineData("0.91", FeedFormats.Rss091)]
    [InlineData("0.92", FeedFormats.Rss092)]
    [InlineData("0.93", FeedFormats.Rss093)]
    [InlineData("0.94", FeedFormats.Rss094)]
    [InlineData("2.0", FeedFormats.Rss20)]
    public void Detects_the_version(string version, string format)
    {
        var feed = ParsingTestData.ParseText($"<rss version=\"{version}\"><channel><title>x</title><item><title>a</title></item></channel></rss>");
        Assert.Equal(format, feed.Format);
        Assert.Single(feed.Entries);
    }

    [Fact]
    public void Reads_rss_with_a_default_namespace_on_the_root()
    {
        const string xml = """<rss version="2.0" xmlns="http://backend.userland.com/rss2"><channel><title>Userland</title><item><title>Namespaced</title><link>https://u.example.org/1</link></item></channel></rss>""";
        var feed = ParsingTestData.ParseText(xml);
        Assert.Equal("Userland", feed.Title);
        Assert.Equal("https://u.example.org/1", feed.Entries.Single().Link);
    }

    [Fact]
    public void Yandex_full_text_becomes_the_content_when_there_is_no_content_encoded()
    {
        const string xml = """
            <rss version="2.0" xmlns:yandex="http://news.yandex.ru"><channel><item><title>Указ</title>
            <yandex:full-text>Первый абзац &amp; текст.
            Второй абзац.</yandex:full-text></item></channel></rss>
            """;
        Assert.Equal("<p>Первый абзац &amp; текст.</p><p>Второй абзац.</p>", ParsingTestData.ParseText(xml).Entries.Single().ContentHtml);
    }
}
