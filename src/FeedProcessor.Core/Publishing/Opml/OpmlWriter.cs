using FeedProcessor.Core.Publishing.Writers;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Publishing.Opml;

/// <summary>OPML 2.0 subscription list of the sources, so a reader can subscribe to each ministry separately.</summary>
public static class OpmlWriter
{
    public static void Write(IReadOnlyList<SourceDefinition> sources, string title, DateTimeOffset created, Stream output)
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
            if (FeedUrls.AbsoluteHttp(source.Url.OriginalString) is not { } feedUrl) continue;
            xml.WriteStartElement("outline");
            xml.WriteAttributeString("type", "rss");
            xml.WriteAttributeString("text", source.Title);
            xml.WriteAttributeString("title", source.Title);
            xml.WriteAttributeString("xmlUrl", feedUrl);
            if (FeedUrls.SiteOf(feedUrl) is { } site) xml.WriteAttributeString("htmlUrl", site);
            if (source.Language is { } language) xml.WriteAttributeString("language", language);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }
}
