using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing;

public class DocumentSnifferTests
{
    [Theory]
    [InlineData("<?xml version=\"1.0\"?><rss version=\"2.0\">", "Xml")]
    [InlineData("<!-- generator --><?xml-stylesheet href=\"a.xsl\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", "Xml")]
    [InlineData("<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"x.dtd\"><rss>", "Xml")]
    [InlineData("<!DOCTYPE html><html><head>", "Html")]
    [InlineData("<!doctype html>\n<head><title>x</title>", "Html")]
    [InlineData("<HTML><BODY>", "Html")]
    [InlineData("{\"version\":\"https://jsonfeed.org/version/1.1\"}", "Json")]
    [InlineData("date 2024-02-04 Title | site.kz\n\nBody", "ScrapedText")]
    [InlineData("PHP Notice: undefined index\n<rss version=\"2.0\">", "Xml")]
    [InlineData("just words", "Unknown")]
    public void Tells_the_format_family_from_the_first_characters(string head, string shape)
    {
        Assert.Equal(shape, DocumentSniffer.Sniff(head).ToString());
    }

    [Fact]
    public void A_comment_longer_than_the_sample_still_reaches_the_xml_reader()
    {
        var xml = "<!--" + new string('c', 70_000) + "--><rss version=\"2.0\"><channel><item><title>After a long comment</title></item></channel></rss>";
        Assert.Equal("After a long comment", ParsingTestData.ParseText(xml).Entries.Single().Title);
    }

    [Fact]
    public void Html_error_names_the_feed_the_page_advertises()
    {
        const string html = """<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" href="https://gov.example.kz/rss"></head><body></body></html>""";
        var error = Assert.Throws<FeedParseException>(() => ParsingTestData.ParseText(html));
        Assert.Contains("https://gov.example.kz/rss", error.Message);
    }
}
