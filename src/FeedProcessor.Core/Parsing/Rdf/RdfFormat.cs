using System.Xml;
using System.Xml.Linq;
using FeedProcessor.Core.Parsing.Extensions;
using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Parsing.Rdf;

/// <summary>RSS 1.0 and 0.90: &lt;rdf:RDF&gt; with &lt;channel&gt; and sibling &lt;item&gt;s in the version's namespace.</summary>
internal sealed class RdfFormat(string itemNamespace) : IXmlFeedFormat
{
    public void EnterContainer(XmlReader reader, XmlContext context, ParsedFeed feed)
    {
        if (context.Language is not null) feed.Language ??= context.Language;
    }

    public bool IsContainer(XmlReader reader) => IsCore(reader) && reader.LocalName.Equals("channel", StringComparison.OrdinalIgnoreCase);

    public bool IsEntry(XmlReader reader) => IsCore(reader) && reader.LocalName.Equals("item", StringComparison.OrdinalIgnoreCase);

    private bool IsCore(XmlReader reader) => reader.NamespaceURI.Length == 0 || reader.NamespaceURI == itemNamespace;

    public void ReadFeedElement(XElement element, XmlContext context, ParsedFeed feed)
    {
        var name = element.Name;
        if (XmlNamespaces.IsDublinCore(name.NamespaceName) && name.LocalName.Equals("language", StringComparison.OrdinalIgnoreCase))
        {
            feed.Language = element.Text() ?? feed.Language;
            return;
        }
        if (name.NamespaceName.Length != 0 && name.NamespaceName != itemNamespace) return;
        switch (name.LocalName.ToLowerInvariant())
        {
            case "title": feed.Title ??= FeedTitle.FromMarkup(element.Text()); break;
            case "link": feed.Link ??= context.Within(element).Resolve(element.Text()); break;
            case "description": feed.Description ??= element.Markup(); break;
        }
    }

    public ParsedEntry ReadEntry(XElement entry, XmlContext outer)
    {
        var context = outer.Within(entry);
        var link = entry.FirstCore("link", itemNamespace);
        var item = new RdfItem
        {
            About = entry.Attributes().FirstOrDefault(a => a.Name.LocalName == "about" && a.Name.NamespaceName == XmlNamespaces.Rdf)?.Value,
            Title = entry.FirstCore("title", itemNamespace).Text(),
            Link = link is null ? null : context.Within(link).Resolve(link.Text()),
            Description = entry.FirstCore("description", itemNamespace).Markup(),
            ContentEncoded = entry.InNamespace(ns => ns == XmlNamespaces.Content, "encoded").FirstOrDefault().Markup(),
            Language = context.Language,
            DublinCore = DublinCore.Read(entry),
            Media = MediaRss.Read(entry, context),
        };
        return RdfAdapter.ToEntry(item, context);
    }
}
