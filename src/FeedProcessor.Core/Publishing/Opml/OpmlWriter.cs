using FeedProcessor.Core.Publishing.Writers;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Publishing.Opml;

/// <summary>
/// OPML 2.0 subscription list of the sources, so a reader can subscribe to each ministry separately. Every outline
/// is type="rss" (OPML 2.0's one type for a feed subscription) with an xmlUrl every reader can read: the source's
/// own RSS, RDF or Atom feed; for a JSON Feed source (many readers read only XML) and an <c>html</c> source (no
/// feed at all), our RSS of that source alone, <c>/api/feed?source=ID</c>.
/// </summary>
public static class OpmlWriter
{
    /// <param name="feedUrl">The absolute URL of our merged feed (…/api/feed), for sources whose own URL no reader can use.</param>
    public static void Write(IReadOnlyList<SourceDefinition> sources, string title, DateTimeOffset created, string feedUrl, Stream output)
    {
        using var xml = XmlOutput.Create(output);
        xml.WriteStartDocument();
        xml.WriteStartElement("opml");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteStartElement("head");
        xml.WriteElementString("title", title);
        xml.WriteElementString("dateCreated", FeedDates.Rfc822(created));
        xml.WriteElementString("docs", "http://opml.org/spec2.opml");
        xml.WriteEndElement();

        xml.WriteStartElement("body");
        foreach (var source in sources)
        {
            if (FeedUrls.AbsoluteHttp(source.Url.OriginalString) is not { } sourceUrl) continue;
            var subscribeUrl = source.Kind is SourceKind.Html or SourceKind.Json
                ? $"{feedUrl}?source={Uri.EscapeDataString(source.Id)}"
                : sourceUrl;
            xml.WriteStartElement("outline");
            xml.WriteAttributeString("type", "rss");
            xml.WriteAttributeString("text", source.Title);
            xml.WriteAttributeString("title", source.Title);
            xml.WriteAttributeString("xmlUrl", subscribeUrl);
            if (FeedUrls.SiteOf(sourceUrl) is { } site) xml.WriteAttributeString("htmlUrl", site);
            if (source.Language is { } language) xml.WriteAttributeString("language", language);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }
}
