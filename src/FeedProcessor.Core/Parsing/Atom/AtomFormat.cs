using System.Xml;
using System.Xml.Linq;
using FeedProcessor.Core.Parsing.Extensions;
using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Parsing.Atom;

/// <summary>Atom 1.0 and 0.3: &lt;feed&gt; with &lt;entry&gt;s; text constructs may be text, html or xhtml.</summary>
internal sealed class AtomFormat(string atomNamespace) : IXmlFeedFormat
{
    public void EnterContainer(XmlReader reader, XmlContext context, ParsedFeed feed)
    {
        if (context.Language is not null) feed.Language ??= context.Language;
    }

    public bool IsContainer(XmlReader reader) => false;

    public bool IsEntry(XmlReader reader) =>
        (reader.NamespaceURI.Length == 0 || reader.NamespaceURI == atomNamespace) && reader.LocalName.Equals("entry", StringComparison.OrdinalIgnoreCase);

    public void ReadFeedElement(XElement element, XmlContext context, ParsedFeed feed)
    {
        var name = element.Name;
        if (name.NamespaceName.Length != 0 && name.NamespaceName != atomNamespace) return;
        switch (name.LocalName.ToLowerInvariant())
        {
            case "title": feed.Title ??= ReadText(element)?.Value; break;
            case "subtitle" or "tagline": feed.Description ??= ReadText(element)?.Value; break;
            case "link":
                var link = ReadLink(element, context);
                if (link is { Rel: "alternate" } && (feed.Link is null || link.Type is "text/html")) feed.Link = link.Href;
                break;
        }
    }

    public ParsedEntry ReadEntry(XElement entry, XmlContext outer)
    {
        var context = outer.Within(entry);
        var model = new AtomEntry
        {
            Id = entry.FirstCore("id", atomNamespace).Text(),
            Title = ReadText(entry.FirstCore("title", atomNamespace)),
            Links = entry.Core("link", atomNamespace).Select(l => ReadLink(l, context)).OfType<AtomLink>().ToList(),
            Published = (entry.FirstCore("published", atomNamespace) ?? entry.FirstCore("issued", atomNamespace)
                ?? entry.FirstCore("created", atomNamespace)).Text(),
            Updated = (entry.FirstCore("updated", atomNamespace) ?? entry.FirstCore("modified", atomNamespace)).Text(),
            Authors = entry.Core("author", atomNamespace).Select(a => a.FirstCore("name", atomNamespace).Text() ?? a.Text()).OfType<string>().ToList(),
            Categories = entry.Core("category", atomNamespace).Select(c => c.Attr("label") ?? c.Attr("term")).OfType<string>()
                .Select(c => c.Trim()).Where(c => c.Length > 0).ToList(),
            Summary = ReadText(entry.FirstCore("summary", atomNamespace)),
            Content = ReadText(entry.FirstCore("content", atomNamespace)),
            Language = context.Language,
            DublinCore = DublinCore.Read(entry),
            Media = MediaRss.Read(entry, context),
        };
        return AtomAdapter.ToEntry(model);
    }

    private static AtomLink? ReadLink(XElement link, XmlContext context)
    {
        var href = context.Within(link).Resolve(link.Attr("href") ?? link.Text());
        if (href is null) return null;
        var rel = link.Attr("rel")?.Trim().ToLowerInvariant();
        // IANA link relations may be written as full URIs.
        if (rel is not null && rel.StartsWith("http://www.iana.org/assignments/relation/", StringComparison.Ordinal))
            rel = rel["http://www.iana.org/assignments/relation/".Length..];
        return new AtomLink(href, string.IsNullOrEmpty(rel) ? "alternate" : rel, link.Attr("type")?.Trim().ToLowerInvariant());
    }

    /// <summary>Reads a text construct: 1.0 type text/html/xhtml, 0.3 MIME types and mode="escaped".</summary>
    internal static AtomText? ReadText(XElement? element)
    {
        if (element is null) return null;
        var type = element.Attr("type")?.Trim().ToLowerInvariant() ?? "text";
        if (type is "xhtml" or "application/xhtml+xml")
        {
            var div = element.Elements().FirstOrDefault(e => e.Name.LocalName == "div");
            var markup = div is null ? element.Markup() : div.HasElements || div.Value.Length > 0 ? div.Markup() : null;
            return markup is null ? null : new AtomText(markup, true);
        }
        if (type is "html" or "text/html" || element.HasElements || "escaped".Equals(element.Attr("mode"), StringComparison.OrdinalIgnoreCase))
        {
            var markup = element.Markup();
            return markup is null ? null : new AtomText(markup, true);
        }
        var text = element.Text();
        return text is null ? null : new AtomText(text, false);
    }
}
