using System.Xml;
using FeedProcessor.Core.Normalizing;

namespace FeedProcessor.Core.Publishing.Writers.Atom;

/// <summary>
/// Atom 1.0 (RFC 4287) as the W3C validator accepts it: urn ids, an author on every entry (the byline or the
/// publishing source), HTML content, and atom:source so a reader can tell where each entry came from.
/// </summary>
public sealed class AtomWriter : IFeedWriter
{
    public const string Namespace = "http://www.w3.org/2005/Atom";

    public string ContentType => "application/atom+xml; charset=utf-8";

    public void Write(FeedDocument document, Stream output)
    {
        using var xml = XmlOutput.Create(output);
        xml.WriteStartDocument();
        xml.WriteStartElement("feed", Namespace);
        xml.WriteAttributeString("xmlns", "media", null, Rss.RssWriter.MediaNamespace);
        if (document.Language is { } language) xml.WriteAttributeString("xml", "lang", null, language);

        xml.WriteElementString("id", Namespace, document.FeedId);
        WriteText(xml, "title", document.Title);
        WriteText(xml, "subtitle", document.Description);
        xml.WriteElementString("updated", Namespace, FeedDates.Rfc3339(document.Updated));
        WriteLink(xml, "self", "application/atom+xml", document.SelfUrl);
        if (document.NextUrl is { } next) WriteLink(xml, "next", "application/atom+xml", next);
        WriteLink(xml, "alternate", "text/html", document.HomeUrl);
        xml.WriteElementString("generator", Namespace, document.Generator);

        foreach (var article in document.Items) WriteEntry(xml, article, document);

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteEntry(XmlWriter xml, Article article, FeedDocument document)
    {
        xml.WriteStartElement("entry", Namespace);
        if (LanguageTags.IsWellFormed(article.Language)) xml.WriteAttributeString("xml", "lang", null, article.Language);
        xml.WriteElementString("id", Namespace, ArticleContent.Guid(article));
        WriteText(xml, "title", article.Title);
        xml.WriteElementString("updated", Namespace, FeedDates.Rfc3339(ArticleContent.LastChanged(article)));
        if (article.Published is { } published) xml.WriteElementString("published", Namespace, FeedDates.Rfc3339(published));

        xml.WriteStartElement("author", Namespace);
        xml.WriteElementString("name", Namespace, ArticleContent.AuthorName(article, document));
        xml.WriteEndElement();

        if (FeedUrls.AbsoluteHttp(article.Url) is { } url) WriteLink(xml, "alternate", "text/html", url);

        foreach (var category in article.Categories.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            xml.WriteStartElement("category", Namespace);
            xml.WriteAttributeString("term", category);
            xml.WriteEndElement();
        }

        if (!string.IsNullOrWhiteSpace(article.Summary)) WriteText(xml, "summary", article.Summary);

        xml.WriteStartElement("content", Namespace);
        xml.WriteAttributeString("type", "html");
        xml.WriteString(ArticleContent.Html(article, document));
        xml.WriteEndElement();

        if (FeedUrls.AbsoluteHttp(article.ImageUrl) is { } image)
        {
            xml.WriteStartElement("media", "thumbnail", Rss.RssWriter.MediaNamespace);
            xml.WriteAttributeString("url", image);
            xml.WriteEndElement();
        }

        xml.WriteStartElement("source", Namespace);
        xml.WriteElementString("id", Namespace, "urn:feedprocessor:source:" + article.SourceId);
        WriteText(xml, "title", ArticleContent.SourceName(article, document));
        xml.WriteElementString("updated", Namespace, FeedDates.Rfc3339(ArticleContent.LastChanged(article)));
        if (document.SourceFeedUrl(article) is { } sourceUrl) WriteLink(xml, "self", null, sourceUrl);
        xml.WriteEndElement();

        xml.WriteEndElement();
    }

    private static void WriteText(XmlWriter xml, string name, string text)
    {
        xml.WriteStartElement(name, Namespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(text);
        xml.WriteEndElement();
    }

    private static void WriteLink(XmlWriter xml, string rel, string? type, string href)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        if (type is not null) xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }
}
