using System.Xml;
using FeedProcessor.Core.Parsing.Atom;
using FeedProcessor.Core.Parsing.Rdf;
using FeedProcessor.Core.Parsing.Rss;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>Picks the XML feed format from the root element, its namespace and version.</summary>
internal static class XmlFormats
{
    public static (IXmlFeedFormat Format, string Name) ForRoot(XmlReader root)
    {
        var local = root.LocalName.ToLowerInvariant();
        switch (local)
        {
            case "rss":
            case "channel":
                return (new RssFormat(root.NamespaceURI), RssFormat.FormatFor(root.GetAttribute("version")));
            case "rdf":
                var defaultNamespace = root.GetAttribute("xmlns") ?? "";
                return defaultNamespace == XmlNamespaces.Rss090
                    ? (new RdfFormat(XmlNamespaces.Rss090), FeedFormats.Rss090)
                    : (new RdfFormat(XmlNamespaces.Rss10), FeedFormats.Rss10);
            case "feed":
                var isAtom03 = root.NamespaceURI == XmlNamespaces.Atom03 || root.GetAttribute("version")?.Trim() == "0.3";
                return isAtom03
                    ? (new AtomFormat(root.NamespaceURI.Length == 0 ? XmlNamespaces.Atom03 : root.NamespaceURI), FeedFormats.Atom03)
                    : (new AtomFormat(XmlNamespaces.Atom10), FeedFormats.Atom10);
            case "html":
                throw new FeedParseException("not a feed: this is an HTML page, not a feed; use kind \"html\" with selectors for its article links");
            default:
                throw new FeedParseException($"not a feed: the root element is <{root.Name}>, not <rss>, <feed> or <rdf:RDF>");
        }
    }
}
