using System.Text;
using System.Xml.Linq;
using FeedProcessor.Core.Publishing.Opml;
using FeedProcessor.Core.Sources;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Opml;

public sealed class OpmlWriterTests
{
    [Fact]
    public void Lists_every_source_as_an_rss_outline()
    {
        var response = OpmlEndpoint.Handle(Request(route: "sources.opml"), Sources(), Epoch);

        Assert.Equal("text/x-opml; charset=utf-8", response.ContentType);
        var opml = XDocument.Parse(Encoding.UTF8.GetString(response.Body.Span)).Root!;
        Assert.Equal("2.0", opml.Attribute("version")!.Value);
        Assert.Equal("FeedProcessor sources", opml.Element("head")!.Element("title")!.Value);
        Assert.Equal("Thu, 01 Feb 2024 00:00:00 +0000", opml.Element("head")!.Element("dateCreated")!.Value);

        var outlines = opml.Element("body")!.Elements("outline").ToList();
        Assert.Equal(3, outlines.Count);
        var first = outlines[0];
        Assert.Equal("rss", first.Attribute("type")!.Value);
        Assert.Equal("Prime Minister of Kazakhstan", first.Attribute("text")!.Value);
        Assert.Equal("Prime Minister of Kazakhstan", first.Attribute("title")!.Value);
        Assert.Equal("https://primeminister.kz/ru/rss", first.Attribute("xmlUrl")!.Value);
        Assert.Equal("https://primeminister.kz/", first.Attribute("htmlUrl")!.Value);
        Assert.Equal("ru", first.Attribute("language")!.Value);
        Assert.Equal("kk", outlines[2].Attribute("language")!.Value);
    }

    [Fact]
    public void Sources_no_reader_can_subscribe_to_point_at_their_own_rss_of_ours()
    {
        SourceDefinition[] sources =
        [
            new() { Id = "rss", Title = "RSS", Url = new Uri("https://a.example/rss.xml"), Kind = SourceKind.Rss },
            new() { Id = "atom", Title = "Atom", Url = new Uri("https://b.example/feed.atom"), Kind = SourceKind.Atom },
            new() { Id = "json", Title = "JSON", Url = new Uri("https://c.example/feed.json"), Kind = SourceKind.Json },
            new() { Id = "page", Title = "Page", Url = new Uri("https://d.example/news"), Kind = SourceKind.Html, Html = new HtmlSelectors { ItemLinks = "a" } },
        ];
        using var body = new MemoryStream();

        OpmlWriter.Write(sources, "t", Epoch, "https://news.example.kz/api/feed", body);

        var outlines = XDocument.Parse(Encoding.UTF8.GetString(body.ToArray())).Root!.Element("body")!.Elements("outline").ToList();
        Assert.All(outlines, o => Assert.Equal("rss", o.Attribute("type")!.Value));
        Assert.Equal(
            ["https://a.example/rss.xml", "https://b.example/feed.atom", "https://news.example.kz/api/feed?source=json", "https://news.example.kz/api/feed?source=page"],
            outlines.Select(o => o.Attribute("xmlUrl")!.Value));
        Assert.Equal("https://d.example/", outlines[3].Attribute("htmlUrl")!.Value);
    }

    [Fact]
    public void Hostile_titles_stay_text()
    {
        SourceDefinition[] sources = [new() { Id = "x", Title = "<script>alert(1)</script>\u0007 & \"quotes\"", Url = new Uri("https://x.example/rss") }];
        using var body = new MemoryStream();

        OpmlWriter.Write(sources, "t", Epoch, "https://news.example.kz/api/feed", body);

        var outline = XDocument.Parse(Encoding.UTF8.GetString(body.ToArray())).Root!.Element("body")!.Element("outline")!;
        Assert.Equal("<script>alert(1)</script> & \"quotes\"", outline.Attribute("text")!.Value);
    }
}
