using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using FeedProcessor.Core.Parsing.Extensions;
using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Parsing.Rss;

/// <summary>
/// RSS 0.91–0.94 and 2.0: &lt;rss&gt;&lt;channel&gt; with &lt;item&gt;s (sloppy feeds put items beside the channel).
/// RSS has no namespace, but some feeds declare one on the root (Userland's "backend.userland.com/rss2"): its elements count as RSS too.
/// </summary>
internal sealed class RssFormat(string rootNamespace) : IXmlFeedFormat
{
    public void EnterContainer(XmlReader reader, XmlContext context, ParsedFeed feed)
    {
        if (context.Language is not null) feed.Language ??= context.Language;
    }

    public bool IsContainer(XmlReader reader) => IsCore(reader.NamespaceURI) && reader.LocalName.Equals("channel", StringComparison.OrdinalIgnoreCase);

    public bool IsEntry(XmlReader reader) => IsCore(reader.NamespaceURI) && reader.LocalName.Equals("item", StringComparison.OrdinalIgnoreCase);

    private bool IsCore(string ns) => ns.Length == 0 || ns == rootNamespace;

    /// <summary>The format name from &lt;rss version&gt;; a missing or unknown version is read as 2.0.</summary>
    public static string FormatFor(string? version) => version?.Trim() switch
    {
        "0.90" => FeedFormats.Rss090,
        "0.91" => FeedFormats.Rss091,
        "0.92" => FeedFormats.Rss092,
        "0.93" => FeedFormats.Rss093,
        "0.94" => FeedFormats.Rss094,
        _ => FeedFormats.Rss20,
    };

    public void ReadFeedElement(XElement element, XmlContext context, ParsedFeed feed)
    {
        var name = element.Name;
        if (XmlNamespaces.IsDublinCore(name.NamespaceName) && name.LocalName.Equals("language", StringComparison.OrdinalIgnoreCase))
        {
            feed.Language ??= element.Text();
            return;
        }
        if (XmlNamespaces.IsAtom(name.NamespaceName) && name.LocalName == "link")
            return;
        if (!IsCore(name.NamespaceName)) return;
        switch (name.LocalName.ToLowerInvariant())
        {
            case "title": feed.Title ??= FeedTitle.FromMarkup(element.Text()); break;
            case "link": feed.Link ??= context.Within(element).Resolve(element.Text()); break;
            case "description": feed.Description ??= element.Markup(); break;
            case "language": feed.Language = element.Text() ?? feed.Language; break;
            case "ttl":
                if (int.TryParse(element.Text(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ttl) && ttl > 0) feed.TtlMinutes = ttl;
                break;
        }
    }

    public ParsedEntry ReadEntry(XElement entry, XmlContext outer) => RssAdapter.ToEntry(ReadItem(entry, outer.Within(entry)));

    private RssItem ReadItem(XElement item, XmlContext context)
    {
        var ns = rootNamespace;
        var guid = item.FirstCore("guid", ns);
        var link = item.Core("link", ns).Select(l => l.Text()).FirstOrDefault(l => l is not null);
        var atomLink = item.InNamespace(XmlNamespaces.IsAtom, "link")
            .FirstOrDefault(l => (l.Attr("rel") ?? "alternate") == "alternate");
        var description = item.FirstCore("description", ns);
        var encoded = item.InNamespace(ns => ns == XmlNamespaces.Content, "encoded").FirstOrDefault();
        var fullText = item.InNamespace(XmlNamespaces.IsYandex, "full-text").FirstOrDefault();
        return new RssItem
        {
            Title = item.FirstCore("title", ns).Text(),
            Link = link is null ? null : context.Within(item.Core("link", ns).First(l => l.Text() is not null)).Resolve(link),
            Guid = guid.Text(),
            GuidIsPermaLink = guid is not null && !"false".Equals(guid.Attr("isPermaLink")?.Trim(), StringComparison.OrdinalIgnoreCase),
            PubDate = item.FirstCore("pubDate", ns).Text(),
            Author = item.FirstCore("author", ns).Text(),
            Description = description.Markup(),
            ContentEncoded = encoded.Markup(),
            YandexFullText = fullText.Markup(),
            ContentBaseUrl = context.DeclaredBaseFor(encoded ?? fullText ?? description),
            Categories = item.Core("category", ns).Select(c => c.Text()).OfType<string>().ToList(),
            Enclosures = item.Core("enclosure", ns)
                .Select(e => (Url: context.Within(e).Resolve(e.Attr("url")), Type: e.Attr("type")))
                .Where(e => e.Url is not null).Select(e => new RssEnclosure(e.Url!, e.Type)).ToList(),
            AtomLink = atomLink is null ? null : context.Within(atomLink).Resolve(atomLink.Attr("href")),
            Language = context.Language,
            DublinCore = DublinCore.Read(item),
            Media = MediaRss.Read(item, context),
            Itunes = Itunes.Read(item, context),
        };
    }
}
