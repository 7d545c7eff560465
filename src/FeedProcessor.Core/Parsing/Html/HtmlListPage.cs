using AngleSharp.Html.Parser;

namespace FeedProcessor.Core.Parsing.Html;

/// <summary>A site's list page without a feed: the links to its articles, found with a CSS selector.</summary>
public static class HtmlListPage
{
    /// <summary>The same, from the page's bytes as fetched, decoded like any document (BOM, HTTP charset, meta charset).</summary>
    public static IReadOnlyList<Uri> ExtractLinks(ReadOnlyMemory<byte> content, string? contentType, Uri pageUrl, string itemLinksSelector)
    {
        var input = DocumentInput.FromMemory(content);
        input.DetectEncoding(contentType, new List<string>());
        return ExtractLinks(input.ReadAllText(), pageUrl, itemLinksSelector);
    }

    /// <summary>Absolute http(s) links of the elements the selector matches (an &lt;a&gt; or an element containing one), in page order, without duplicates.</summary>
    public static IReadOnlyList<Uri> ExtractLinks(string html, Uri pageUrl, string itemLinksSelector)
    {
        var document = new HtmlParser().ParseDocument(html);
        var baseUri = HtmlDocuments.BaseUri(document, pageUrl);
        var links = new List<Uri>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in HtmlDocuments.SelectAll(document, itemLinksSelector))
        {
            var anchor = element.LocalName == "a" ? element : element.QuerySelector("a[href]");
            var href = anchor?.GetAttribute("href");
            if (string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(baseUri, href.Trim(), out var uri)) continue;
            if (uri.Scheme is not ("http" or "https")) continue;
            var withoutFragment = new UriBuilder(uri) { Fragment = "" }.Uri;
            if (seen.Add(withoutFragment.AbsoluteUri)) links.Add(withoutFragment);
        }
        return links;
    }
}
