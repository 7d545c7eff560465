using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using FeedProcessor.Core.Publishing;
using static FeedProcessor.Tests.Publishing.FeedRendering;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Writers;

/// <summary>
/// The W3C Feed Validation Service is not reachable from here, so its RSS 2.0 rules that our output could break
/// are encoded as tests:
/// - well-formed UTF-8 XML, rss version="2.0" with one channel holding title, link and description (MissingElement);
/// - atom:link rel="self" type="application/rss+xml" whose href is the fetched URL (MissingAtomSelfLink, SelfDoesntMatchLocation);
/// - every date RFC 822 with a four-digit year and a zone (InvalidRFC2822Date; a numeric offset is our stricter choice);
/// - guid: a full URL unless isPermaLink="false", and a non-permalink guid that does not look like a URL (NotURLGuid-style warning);
/// - source with an absolute url attribute (MissingAttribute, InvalidURLAttribute);
/// - no author without an email address: dc:creator instead (InvalidContact);
/// - no relative URLs in attributes, links or the HTML in content:encoded (ContainsRelRef);
/// - no enclosure without a length (MissingAttribute length); media elements in the declared media namespace;
/// - no characters outside XML 1.0 (a fatal "not well-formed" error);
/// - language on the channel only when true of every item; lastBuildDate present.
/// </summary>
public sealed class RssWriterTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    [Fact]
    public void Codehollow_reads_every_item_in_order()
    {
        var feed = FeedReader.ReadFromString(Render());

        // CodeHollow calls RSS 2.0 with the media namespace "MediaRss" and reads it with its RSS 2.0 parser.
        Assert.Equal(FeedType.MediaRss, feed.Type);
        Assert.Equal("https://news.example.kz/api/", feed.Link);
        Assert.Equal("FeedProcessor", feed.Title);
        Assert.Equal(
            ["Правительство обсудило развитие угольной отрасли", "Глава МИД провел встречу с послом Японии", "Көмір өндіру жоспары орындалды"],
            feed.Items.Select(i => i.Title));
        Assert.Equal("https://primeminister.kz/ru/news/pravitelstvo-obsudilo-razvitie-ugolnoy-otrasli-2024", feed.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2024, 2, 4, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(feed.Items[0].PublishingDate!.Value.ToUniversalTime(), TimeSpan.Zero));
        Assert.Contains("угольной отрасли.</p>", feed.Items[0].Content);
    }

    [Fact]
    public void SyndicationFeed_reads_every_item_with_dates_guids_and_sources()
    {
        using var reader = XmlReader.Create(new StringReader(Render()));
        var feed = SyndicationFeed.Load(reader);
        var items = feed.Items.ToList();

        Assert.Equal(3, items.Count);
        Assert.Equal("urn:feedprocessor:article:a1f0c3", items[0].Id);
        Assert.Equal(new DateTimeOffset(2024, 2, 4, 14, 30, 0, TimeSpan.FromHours(5)), items[0].PublishDate);
        Assert.Equal(new DateTimeOffset(2024, 2, 3, 18, 0, 0, TimeSpan.Zero), items[2].PublishDate);
        Assert.Equal(new Uri("https://primeminister.kz/ru/rss"), items[0].SourceFeed.Links[0].Uri);
        Assert.Equal("Prime Minister of Kazakhstan", items[0].SourceFeed.Title.Text);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.AbsoluteUri == "https://news.example.kz/api/feed");
    }

    [Fact]
    public void Both_reader_libraries_find_the_publisher_of_every_item()
    {
        var xml = Render();
        // CodeHollow reads dc:creator into the item's Dublin Core creator.
        var creators = FeedReader.ReadFromString(xml).Items.Select(i => ((CodeHollow.FeedReader.Feeds.MediaRssFeedItem)i.SpecificItem).DC?.Creator).ToList();
        Assert.Equal("Пресс-служба Премьер-Министра", creators[0]);
        Assert.All(creators, creator => Assert.False(string.IsNullOrWhiteSpace(creator)));
        // SyndicationFeed keeps dc:creator as an extension every item has.
        using var reader = XmlReader.Create(new StringReader(xml));
        Assert.All(SyndicationFeed.Load(reader).Items, item => Assert.False(string.IsNullOrWhiteSpace(
            item.ElementExtensions.ReadElementExtensions<string>("creator", "http://purl.org/dc/elements/1.1/").SingleOrDefault())));
    }

    [Fact]
    public void The_channel_has_the_required_elements_a_self_link_to_the_request_and_a_stylesheet()
    {
        var xml = Render("source=mfa,energy&utm_medium=social&limit=10");
        var document = XDocument.Parse(xml);
        var channel = document.Root!.Element("channel")!;

        Assert.Equal("2.0", document.Root.Attribute("version")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(channel.Element("title")!.Value));
        Assert.Equal("https://news.example.kz/api/", channel.Element("link")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(channel.Element("description")!.Value));
        Assert.NotNull(channel.Element("lastBuildDate"));
        var self = Assert.Single(channel.Elements(Atom + "link"));
        Assert.Equal("self", self.Attribute("rel")!.Value);
        Assert.Equal("application/rss+xml", self.Attribute("type")!.Value);
        Assert.Equal("https://news.example.kz/api/feed?source=mfa,energy&limit=10", self.Attribute("href")!.Value);

        // Browsers get a page of their own (FeedPage); an XSLT would only earn Chromium's deprecation banner.
        Assert.Empty(document.Nodes().OfType<XProcessingInstruction>());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
    }

    [Fact]
    public void The_self_link_follows_the_public_host()
    {
        var response = new FeedEndpoint().HandleAsync(Request("lang=ru", host: "feeds.gov.example"), SampleIndex().Publish(), Sources()).GetAwaiter().GetResult();
        var channel = XDocument.Parse(System.Text.Encoding.UTF8.GetString(response.Body.Span)).Root!.Element("channel")!;

        Assert.Equal("https://feeds.gov.example/api/feed?lang=ru", channel.Element(Atom + "link")!.Attribute("href")!.Value);
    }

    [Fact]
    public void Every_date_is_rfc_822_with_a_numeric_offset_and_undated_items_fall_back_to_first_seen()
    {
        var channel = RenderXml().Root!.Element("channel")!;
        var rfc822 = new Regex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$");
        var dates = channel.Elements("item").Select(i => i.Element("pubDate")?.Value).ToList();

        Assert.All(dates, d => Assert.Matches(rfc822, d));
        Assert.Matches(rfc822, channel.Element("lastBuildDate")!.Value);
        Assert.Equal(["Sun, 04 Feb 2024 14:30:00 +0500", "Sun, 04 Feb 2024 11:00:00 +0500", "Sat, 03 Feb 2024 18:00:00 +0000"], dates);
    }

    [Fact]
    public void Guids_are_stable_urns_marked_as_not_permalinks()
    {
        var items = RenderXml().Root!.Element("channel")!.Elements("item").ToList();

        Assert.All(items, item =>
        {
            var guid = item.Element("guid")!;
            Assert.Equal("false", guid.Attribute("isPermaLink")!.Value);
            Assert.StartsWith("urn:feedprocessor:article:", guid.Value);
            Assert.DoesNotContain("://", guid.Value);
        });
    }

    [Fact]
    public void Items_name_their_source_feed_their_author_as_dc_creator_and_carry_html_and_summary()
    {
        var items = RenderXml().Root!.Element("channel")!.Elements("item").ToList();
        var first = items[0];

        var source = first.Element("source")!;
        Assert.Equal("https://primeminister.kz/ru/rss", source.Attribute("url")!.Value);
        Assert.Equal("Prime Minister of Kazakhstan", source.Value);
        Assert.Equal("Пресс-служба Премьер-Министра", first.Element(Dc + "creator")!.Value);
        Assert.Empty(items.Elements("author"));
        // No byline: the publisher is named, as newsboat and other readers that ignore <source> show dc:creator.
        Assert.Equal(items[1].Element("source")!.Value, items[1].Element(Dc + "creator")!.Value);
        Assert.All(items, item => Assert.Single(item.Elements(Dc + "creator")));
        Assert.StartsWith("<p>На заседании Правительства", first.Element(Content + "encoded")!.Value);
        Assert.Equal("На заседании Правительства рассмотрены вопросы развития угольной отрасли (coal).", first.Element("description")!.Value);
        Assert.Equal(["Энергетика", "Уголь"], first.Elements("category").Select(c => c.Value));
    }

    [Fact]
    public void The_lead_image_is_media_content_since_an_enclosure_needs_a_length()
    {
        var items = RenderXml().Root!.Element("channel")!.Elements("item").ToList();

        Assert.Empty(items.Elements("enclosure"));
        var media = items[0].Element(Media + "content")!;
        Assert.Equal("https://primeminister.kz/assets/media/coal.jpg", media.Attribute("url")!.Value);
        Assert.Equal("image", media.Attribute("medium")!.Value);
        Assert.NotNull(items[0].Element(Media + "thumbnail"));
        Assert.Null(items[1].Element(Media + "content"));
    }

    [Fact]
    public void Language_is_on_the_channel_only_when_every_item_shares_it()
    {
        Assert.Null(RenderXml().Root!.Element("channel")!.Element("language"));
        Assert.Equal("ru", RenderXml("lang=ru").Root!.Element("channel")!.Element("language")!.Value);
    }

    [Fact]
    public void A_language_that_is_not_a_bcp_47_tag_is_never_written()
    {
        var index = new TestArchive();
        index.Merge([Make("a", language: "Russian language"), Make("b", language: "Russian language", minutes: 1)]);

        Assert.Null(RenderXml(index: index).Root!.Element("channel")!.Element("language"));
        Assert.DoesNotContain("xml:lang", Render("format=atom", index));
    }

    [Fact]
    public void No_url_anywhere_is_relative_even_when_an_article_carries_one()
    {
        var index = SampleIndex();
        index.Articles[1].Url = "/ru/news/relative";
        index.Articles[1].ImageUrl = "images/lead.jpg";
        index.Articles[1].SourceUrl = "javascript:alert(1)";

        var document = RenderXml(index: index);
        var urls = AllUrls(document).ToList();

        Assert.True(urls.Count > 10);
        Assert.All(urls, url => Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", $"not absolute http(s): {url}"));
        var item = document.Root!.Element("channel")!.Elements("item").ElementAt(1);
        Assert.Null(item.Element("link"));
        Assert.Equal("https://www.gov.kz/memleket/entities/mfa/press/rss", item.Element("source")!.Attribute("url")!.Value);
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_are_stripped_and_nothing_else_is_lost()
    {
        var index = SampleIndex();
        var article = index.Articles[0];
        article.Title = "Coal\u0001 output \ud800up\u0085";
        article.Summary = "Sum\u001Fmary \udc00done";
        article.ContentHtml = "<p>Body\u0008 with emoji 🙂</p>";
        article.Author = "Press\u000B office";
        article.Categories = ["En\u0002ergy"];

        // Straight to the writer: stored as JSON, a lone surrogate would already have become U+FFFD.
        var xml = WriteDirectly(new Core.Publishing.Writers.Rss.RssWriter(), article);

        Assert.DoesNotMatch(new Regex("[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]"), xml);
        var item = XDocument.Parse(xml).Root!.Element("channel")!.Elements("item").First();
        Assert.Equal("Coal output up", item.Element("title")!.Value);
        Assert.Equal("Summary done", item.Element("description")!.Value);
        Assert.Equal("<p>Body with emoji 🙂</p>", item.Element(Content + "encoded")!.Value);
        Assert.Equal("Press office", item.Element(Dc + "creator")!.Value);
        Assert.Equal("Energy", item.Element("category")!.Value);
        Assert.Single(FeedReader.ReadFromString(xml).Items);
    }

    [Fact]
    public void A_summary_with_ampersands_and_angle_brackets_is_html_escaped_so_readers_show_it_as_written()
    {
        var index = SampleIndex();
        const string summary = "R&D spending < 5% of GDP; the entity &nbsp; was never expanded; <b> stays text";
        index.Articles[0].Summary = summary;

        var xml = Render(index: index);

        var description = XDocument.Parse(xml).Root!.Element("channel")!.Elements("item").First().Element("description")!.Value;
        // What the W3C validator checks ("Invalid HTML"): no bare & and no < that opens a tag in the HTML.
        Assert.DoesNotMatch(new Regex("&(?!(amp|lt|gt);)|<"), description);
        // A reader that renders the description as HTML shows the summary exactly.
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + description);
        Assert.Equal(summary, html.Body!.TextContent);
        Assert.Equal(summary, System.Net.WebUtility.HtmlDecode(FeedReader.ReadFromString(xml).Items[0].Description));
    }

    [Fact]
    public void Also_published_by_is_a_line_in_the_content_naming_the_other_sources()
    {
        var index = new TestArchive();
        index.Merge([Make("first", sourceId: "primeminister", minutes: 1, url: "https://gov.kz/n/1"), Make("echo", sourceId: "mfa", minutes: 5, url: "https://gov.kz/n/1")]);

        var item = Assert.Single(RenderXml(index: index).Root!.Element("channel")!.Elements("item"));

        Assert.EndsWith("<p><small>Also published by: Ministry of Foreign Affairs</small></p>", item.Element(Content + "encoded")!.Value);
    }

    [Fact]
    public void An_empty_index_is_still_a_valid_feed()
    {
        var feed = FeedReader.ReadFromString(Render(index: new TestArchive()));

        Assert.Empty(feed.Items);
        Assert.Equal("FeedProcessor", feed.Title);
    }
}
