using System.Xml;

namespace FeedProcessor.Core.Publishing.Writers.Rss;

/// <summary>
/// RSS 2.0 as the W3C Feed Validation Service accepts it without warnings: atom:link rel=self, RFC 822 dates with a
/// numeric zone, non-URL guids marked isPermaLink="false", dc:creator (the byline, else the publishing source) instead
/// of an email-less author,
/// the HTML in content:encoded and the plain summary in description, media:content for the lead image
/// (an enclosure needs a length we do not know).
/// </summary>
public sealed class RssWriter : IFeedWriter
{
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    public const string MediaNamespace = "http://search.yahoo.com/mrss/";

    public string ContentType => "application/rss+xml; charset=utf-8";

    public void Write(FeedDocument document, Stream output)
    {
        using var xml = XmlOutput.Create(output);
        xml.WriteStartDocument();

        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
        xml.WriteAttributeString("xmlns", "content", null, ContentNamespace);
        xml.WriteAttributeString("xmlns", "dc", null, DublinCoreNamespace);
        xml.WriteAttributeString("xmlns", "media", null, MediaNamespace);

        xml.WriteStartElement("channel");
        xml.WriteElementString("title", document.Title);
        xml.WriteElementString("link", document.HomeUrl);
        xml.WriteElementString("description", document.Description);
        xml.WriteStartElement("atom", "link", AtomNamespace);
        xml.WriteAttributeString("href", document.SelfUrl);
        xml.WriteAttributeString("rel", "self");
        xml.WriteAttributeString("type", "application/rss+xml");
        xml.WriteEndElement();
        if (document.NextUrl is { } next)
        {
            xml.WriteStartElement("atom", "link", AtomNamespace);
            xml.WriteAttributeString("href", next);
            xml.WriteAttributeString("rel", "next");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
        }
        if (document.Language is { } language) xml.WriteElementString("language", language);
        xml.WriteElementString("lastBuildDate", FeedDates.Rfc822(document.Updated));
        xml.WriteElementString("generator", document.Generator);
        xml.WriteElementString("docs", "https://www.rssboard.org/rss-specification");

        foreach (var article in document.Items) WriteItem(xml, article, document);

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteItem(XmlWriter xml, Normalizing.Article article, FeedDocument document)
    {
        xml.WriteStartElement("item");
        xml.WriteElementString("title", article.Title);
        if (FeedUrls.AbsoluteHttp(article.Url) is { } url) xml.WriteElementString("link", url);
        if (!string.IsNullOrWhiteSpace(article.Summary)) xml.WriteElementString("description", HtmlEscaped(article.Summary));

        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(ArticleContent.Guid(article));
        xml.WriteEndElement();

        xml.WriteElementString("pubDate", FeedDates.Rfc822(article.Published ?? article.FirstSeen));
        // Every item names its publisher: readers such as newsboat ignore <source> and would show the feed's title instead.
        xml.WriteElementString("dc", "creator", DublinCoreNamespace, ArticleContent.AuthorName(article, document));
        foreach (var category in article.Categories.Where(c => !string.IsNullOrWhiteSpace(c)))
            xml.WriteElementString("category", category);

        if (document.SourceFeedUrl(article) is { } sourceUrl)
        {
            xml.WriteStartElement("source");
            xml.WriteAttributeString("url", sourceUrl);
            xml.WriteString(ArticleContent.SourceName(article, document));
            xml.WriteEndElement();
        }

        var html = ArticleContent.Html(article, document);
        if (!string.IsNullOrWhiteSpace(html)) xml.WriteElementString("content", "encoded", ContentNamespace, html);

        if (FeedUrls.AbsoluteHttp(article.ImageUrl) is { } image)
        {
            xml.WriteStartElement("media", "content", MediaNamespace);
            xml.WriteAttributeString("url", image);
            xml.WriteAttributeString("medium", "image");
            xml.WriteEndElement();
            xml.WriteStartElement("media", "thumbnail", MediaNamespace);
            xml.WriteAttributeString("url", image);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// Readers (and the W3C validator) take an RSS description as HTML: plain text is HTML-escaped before it is
    /// XML-escaped, so "R&amp;D &lt; 5%" shows as written instead of as a stray ampersand or a broken tag.
    /// </summary>
    internal static string HtmlEscaped(string text) =>
        text.AsSpan().IndexOfAny('&', '<', '>') < 0 ? text : text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
