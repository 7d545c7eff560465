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
            case "title":
                if (ReadText(element) is { } title) feed.Title ??= title.IsHtml ? FeedTitle.FromMarkup(title.Value) : Normalizing.Text.Whitespace.Collapse(title.Value);
                break;
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
        var summary = entry.FirstCore("summary", atomNamespace);
        var content = entry.FirstCore("content", atomNamespace);
        var model = new AtomEntry
        {
            Id = entry.FirstCore("id", atomNamespace).Text(),
            Title = ReadText(entry.FirstCore("title", atomNamespace)),
            Links = entry.Core("link", atomNamespace).Select(l => ReadLink(l, context)).OfType<AtomLink>().ToList(),
            Published = (entry.FirstCore("published", atomNamespace) ?? entry.FirstCore("issued", atomNamespace)
                ?? entry.FirstCore("created", atomNamespace)).Text(),
            Updated = (entry.FirstCore("updated", atomNamespace) ?? entry.FirstCore("modified", atomNamespace)).Text(),
            Authors = entry.Core("author", atomNamespace).Select(a => a.FirstCore("name", atomNamespace).Text() ?? a.Text()).OfType<string>().ToList(),
            // The term, as feedparser reports it: it is the category's identity; the label only its display name.
            Categories = entry.Core("category", atomNamespace).Select(c => NonEmpty(c.Attr("term")) ?? NonEmpty(c.Attr("label"))).OfType<string>().ToList(),
            Summary = ReadText(summary),
            Content = ReadText(content),
            ContentBaseUrl = context.DeclaredBaseFor(content ?? summary),
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

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Reads a text construct: 1.0 type text/html/xhtml, 0.3 MIME types and mode="escaped" or "base64".</summary>
    internal static AtomText? ReadText(XElement? element)
    {
        if (element is null) return null;
        var type = element.Attr("type")?.Trim().ToLowerInvariant() ?? "text";
        if ("base64".Equals(element.Attr("mode")?.Trim(), StringComparison.OrdinalIgnoreCase))
            return FromBase64(element.Text(), type);
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

    /// <summary>Atom 0.3 mode="base64": the content is the base64 of UTF-8 text, HTML when its type says so.</summary>
    private static AtomText? FromBase64(string? encoded, string type)
    {
        if (encoded is null) return null;
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length)) return new AtomText(encoded, false);
        var text = new System.Text.UTF8Encoding(false).GetString(bytes, 0, length).Trim();
        return text.Length == 0 ? null : new AtomText(text, type is "html" or "text/html" or "xhtml" or "application/xhtml+xml");
    }
}
