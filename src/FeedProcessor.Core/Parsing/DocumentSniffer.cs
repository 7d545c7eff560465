using System.Text.RegularExpressions;
using FeedProcessor.Core.Parsing.Text;

namespace FeedProcessor.Core.Parsing;

internal enum DocumentShape { Unknown, Xml, Json, Html, ScrapedText }

/// <summary>Tells the format family from the document's first characters, never from its URL.</summary>
internal static partial class DocumentSniffer
{
    public static DocumentShape Sniff(string head)
    {
        if (head.StartsWith('{')) return DocumentShape.Json;
        if (ScrapedTextParser.Detect(head)) return DocumentShape.ScrapedText;
        var root = RootElement().Match(head);
        if (root.Success)
        {
            var name = root.Groups["name"].Value;
            if (IsFeedRoot(name)) return DocumentShape.Xml;
            return name.Equals("html", StringComparison.OrdinalIgnoreCase) || head.Contains("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
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
