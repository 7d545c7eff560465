using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing.Atom;

public class AtomParserTests
{
    [Fact]
    public void Reads_atom_10_feed_metadata_with_xml_base()
    {
        var feed = ParsingTestData.Parse("Atom", "atom10.xml");
        Assert.Equal(FeedFormats.Atom10, feed.Format);
        Assert.Equal("Example Agency", feed.Title);
        Assert.Equal("Press releases", feed.Description);
        Assert.Equal("https://www.example.gov/", feed.Link);
        Assert.Equal("en", feed.Language);
        Assert.Equal(3, feed.Entries.Count);
    }

    [Fact]
    public void Reads_the_alternate_link_enclosure_image_and_html_title()
    {
        var entry = ParsingTestData.Parse("Atom", "atom10.xml").Entries[0];
        Assert.Equal("tag:example.gov,2024:1", entry.Guid);
        Assert.Equal("Budget &lt;b&gt;2024&lt;/b&gt; released", entry.Title);
        Assert.Equal("https://www.example.gov/news/budget-2024", entry.Link);
        Assert.Equal("https://www.example.gov/img/budget.png", entry.ImageUrl);
        Assert.Equal("2024-02-04T14:30:00+06:00", entry.Published);
        Assert.Equal("2024-02-05T08:00:00Z", entry.Updated);
        Assert.Equal("Press Office", entry.Author);
        Assert.Equal(["budget"], entry.Categories); // the term, as feedparser reports it
        Assert.Equal("Short summary", entry.SummaryHtml);
        Assert.Equal("<p>Full <em>text</em></p>", entry.ContentHtml);
        Assert.Equal("en", entry.Language);
    }

    [Fact]
    public void Nested_xml_base_resolves_against_the_closest_base()
    {
        var entry = ParsingTestData.Parse("Atom", "atom10.xml").Entries[1];
        Assert.Equal("https://www.example.gov/archive/2024/02/item2", entry.Link);
        Assert.Contains("Nested <b", entry.Title);
        Assert.Contains("<p", entry.ContentHtml);
        Assert.Contains("the picture", entry.ContentHtml);
        Assert.Equal("2024-02-05T10:00:00Z", entry.Published);
    }

    [Fact]
    public void Plain_text_content_is_escaped_into_html()
    {
        var entry = ParsingTestData.Parse("Atom", "atom10.xml").Entries[2];
        Assert.Equal("Text content &lt;not markup&gt;", entry.ContentHtml);
    }

    [Fact]
    public void Reads_atom_03()
    {
        var feed = ParsingTestData.Parse("Atom", "atom03.xml");
        Assert.Equal(FeedFormats.Atom03, feed.Format);
        Assert.Equal("Legacy format", feed.Description);
        var entry = feed.Entries[0];
        Assert.Equal("http://old-atom.example.org/1", entry.Link);
        Assert.Equal("2024-02-04T14:30:00+06:00", entry.Published);
        Assert.Equal("2024-02-04T15:00:00+06:00", entry.Updated);
        Assert.Equal("<p>Escaped <b>html</b></p>", entry.ContentHtml);
        Assert.Equal("Old Author", entry.Author);
    }

    [Fact]
    public void Relative_links_without_xml_base_resolve_against_the_document_url()
    {
        const string xml = """<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><link href="/a/b.html"/><id>x</id></entry></feed>""";
        var feed = ParsingTestData.ParseText(xml, new ParseOptions { DocumentUrl = new Uri("https://site.example.kz/feed/atom") });
        Assert.Equal("https://site.example.kz/a/b.html", feed.Entries[0].Link);
    }
}
