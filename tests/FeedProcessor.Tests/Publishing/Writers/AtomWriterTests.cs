using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using static FeedProcessor.Tests.Publishing.FeedRendering;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Writers;

/// <summary>
/// W3C rules for Atom 1.0 encoded here: feed id/title/updated present; a self link; every entry has id, title,
/// updated and an author (or the feed has one); ids are URIs; dates RFC 3339; content type="html" escaped;
/// atom:source carries id, title, updated; xml:lang only where true; no relative URLs.
/// </summary>
public sealed class AtomWriterTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public void Both_readers_read_the_atom_feed_in_order()
    {
        var xml = Render("format=atom");

        var codehollow = FeedReader.ReadFromString(xml);
        Assert.Equal(FeedType.Atom, codehollow.Type);
        Assert.Equal(3, codehollow.Items.Count);
        Assert.Equal("Правительство обсудило развитие угольной отрасли", codehollow.Items[0].Title);

        using var reader = XmlReader.Create(new StringReader(xml));
        var syndication = SyndicationFeed.Load(reader);
        var items = syndication.Items.ToList();
        Assert.Equal(["urn:feedprocessor:article:a1f0c3", "urn:feedprocessor:article:b27d44", "urn:feedprocessor:article:c9e812"], items.Select(i => i.Id));
        Assert.Equal(new DateTimeOffset(2024, 2, 4, 14, 30, 0, TimeSpan.FromHours(5)), items[0].PublishDate);
        Assert.Equal("Пресс-служба Премьер-Министра", items[0].Authors[0].Name);
        Assert.Equal("Ministry of Foreign Affairs", items[1].Authors[0].Name);
        Assert.Equal("Prime Minister of Kazakhstan", items[0].SourceFeed.Title.Text);
        Assert.Equal("html", items[0].Content.Type);
    }

    [Fact]
    public void The_feed_and_every_entry_carry_the_required_elements()
    {
        var feed = RenderXml("format=atom&lang=ru").Root!;

        Assert.StartsWith("urn:feedprocessor:feed:", feed.Element(Atom + "id")!.Value);
        Assert.Equal("FeedProcessor — ru", feed.Element(Atom + "title")!.Value);
        Assert.Equal("ru", feed.Attribute(XNamespace.Xml + "lang")!.Value);
        var self = feed.Elements(Atom + "link").Single(l => l.Attribute("rel")!.Value == "self");
        Assert.Equal("https://news.example.kz/api/feed?format=atom&lang=ru", self.Attribute("href")!.Value);
        Assert.Equal("application/atom+xml", self.Attribute("type")!.Value);
        Assert.Equal("https://news.example.kz/api/", feed.Elements(Atom + "link").Single(l => l.Attribute("rel")!.Value == "alternate").Attribute("href")!.Value);
        Assert.Equal("2024-02-04T09:40:00+00:00", feed.Element(Atom + "updated")!.Value);

        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            Assert.StartsWith("urn:feedprocessor:article:", entry.Element(Atom + "id")!.Value);
            Assert.NotEmpty(entry.Element(Atom + "title")!.Value);
            Assert.NotNull(entry.Element(Atom + "updated"));
            Assert.NotEmpty(entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
            Assert.Equal("html", entry.Element(Atom + "content")!.Attribute("type")!.Value);
            var source = entry.Element(Atom + "source")!;
            Assert.StartsWith("urn:feedprocessor:source:", source.Element(Atom + "id")!.Value);
            Assert.NotEmpty(source.Element(Atom + "title")!.Value);
            Assert.NotNull(source.Element(Atom + "updated"));
            Assert.Equal("self", source.Element(Atom + "link")!.Attribute("rel")!.Value);
        }
    }

    [Fact]
    public void Updated_prefers_the_update_then_publication_then_first_seen()
    {
        var index = SampleIndex();
        index.Articles[0].Updated = new DateTimeOffset(2024, 2, 5, 8, 0, 0, TimeSpan.FromHours(5));

        var entries = RenderXml("format=atom", index).Root!.Elements(Atom + "entry").ToList();

        Assert.Equal("2024-02-05T08:00:00+05:00", entries[0].Element(Atom + "updated")!.Value);
        Assert.Equal("2024-02-04T14:30:00+05:00", entries[0].Element(Atom + "published")!.Value);
        Assert.Equal("2024-02-04T11:00:00+05:00", entries[1].Element(Atom + "updated")!.Value);
        Assert.Equal("2024-02-03T18:00:00+00:00", entries[2].Element(Atom + "updated")!.Value);
        Assert.Null(entries[2].Element(Atom + "published"));
    }

    [Fact]
    public void Atom_has_no_relative_urls_and_no_control_characters()
    {
        var index = SampleIndex();
        index.Articles[0].Url = "news/1";
        index.Articles[0].Title = "Bad\u0001 \ud800title";

        // Straight to the writer: stored as JSON, a lone surrogate would already have become U+FFFD.
        var document = XDocument.Parse(WriteDirectly(new FeedProcessor.Core.Publishing.Writers.Atom.AtomWriter(), index.Articles[0]));

        Assert.All(AllUrls(document), url => Assert.True(Uri.IsWellFormedUriString(url, UriKind.Absolute), url));
        Assert.Equal("Bad title", document.Root!.Element(Atom + "entry")!.Element(Atom + "title")!.Value);
    }

    [Fact]
    public void Accept_selects_atom_with_its_content_type()
    {
        var response = Respond(headers: new() { ["Accept"] = "application/atom+xml" });

        Assert.Equal("application/atom+xml; charset=utf-8", response.ContentType);
        Assert.Equal("Accept", response.Headers["Vary"]);
        Assert.Equal(FeedType.Atom, FeedReader.ReadFromString(System.Text.Encoding.UTF8.GetString(response.Body.Span)).Type);
    }
}
