using System.Text.RegularExpressions;
using FeedProcessor.Core.Parsing.Text;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Parsing;

internal enum DocumentShape { Unknown, Xml, Json, Html, ScrapedText }

/// <summary>Tells the format family from the document's first characters, never from its URL.</summary>
internal static partial class DocumentSniffer
{
    /// <summary>
    /// The shape, knowing the source's kind: a page of an <see cref="SourceKind.Html"/> source that is no feed is
    /// HTML, whatever comes before its &lt;html&gt; (a &lt;style&gt;, a &lt;script&gt;, PHP warnings).
    /// </summary>
    public static DocumentShape Sniff(string head, SourceKind kind)
    {
        var shape = Sniff(head);
        if (kind == SourceKind.Html && shape is DocumentShape.Xml or DocumentShape.Unknown && !StartsAsFeed(head)) return DocumentShape.Html;
        return shape;
    }

    private static bool StartsAsFeed(string head)
    {
        var root = RootElement().Match(head);
        return root.Success ? IsFeedRoot(root.Groups["name"].Value) || head.StartsWith("<?xml", StringComparison.Ordinal) : FeedRootAnywhere().IsMatch(head);
    }

    public static DocumentShape Sniff(string head)
    {
        if (head.StartsWith('{')) return DocumentShape.Json;
        if (ScrapedTextParser.Detect(head)) return DocumentShape.ScrapedText;
        var root = RootElement().Match(head);
        if (root.Success)
        {
            var name = root.Groups["name"].Value;
            if (IsFeedRoot(name)) return DocumentShape.Xml;
            return HtmlRoots.Contains(name) || head.Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
                ? DocumentShape.Html
                : DocumentShape.Xml;
        }
        // Markup whose start the sample could not place (a comment longer than the sample): the XML reader decides.
        if (head.StartsWith('<')) return DocumentShape.Xml;
        // Junk before the XML (a PHP warning, a stray line) is common; the liberal reader skips it.
        if (FeedRootAnywhere().IsMatch(head)) return DocumentShape.Xml;
        if (head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<body", StringComparison.OrdinalIgnoreCase))
            return DocumentShape.Html;
        return DocumentShape.Unknown;
    }

    /// <summary>Elements an HTML page starts with when something comes before its &lt;html&gt;; no feed starts so.</summary>
    private static readonly HashSet<string> HtmlRoots = new(StringComparer.OrdinalIgnoreCase)
    {
        "html", "head", "body", "style", "script", "meta", "link", "title", "noscript", "br", "b",
    };

    private static bool IsFeedRoot(string name) =>
        name.Equals("rss", StringComparison.OrdinalIgnoreCase) || name.Equals("feed", StringComparison.OrdinalIgnoreCase)
        || name.Equals("rdf:RDF", StringComparison.OrdinalIgnoreCase) || name.Equals("channel", StringComparison.OrdinalIgnoreCase);

    /// <summary>The feed an HTML page links to with &lt;link rel="alternate" type="application/rss+xml"&gt;, if any.</summary>
    public static string? AdvertisedFeed(string html)
    {
        var match = AlternateFeedLink().Match(html);
        return match.Success ? match.Groups["href"].Value : null;
    }

    /// <summary>The first element name after the XML declaration, comments, processing instructions and DOCTYPE.</summary>
    [GeneratedRegex(@"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<(?<name>[A-Za-z_][\w.:-]*)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex RootElement();

    [GeneratedRegex(@"<(?:rss|feed|rdf:RDF)[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex FeedRootAnywhere();

    [GeneratedRegex("""<link[^>]+type=["']application/(?:rss|atom)\+xml["'][^>]*href=["'](?<href>[^"']+)""", RegexOptions.IgnoreCase)]
    private static partial Regex AlternateFeedLink();
}
