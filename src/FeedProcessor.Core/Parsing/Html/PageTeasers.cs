using System.Text.RegularExpressions;
using AngleSharp.Dom;
using FeedProcessor.Core.Normalizing.Urls;

namespace FeedProcessor.Core.Parsing.Html;

/// <summary>
/// Parts of a page that are not the article: navigation, asides, the site's footer, and teasers of other articles
/// (a card or list item whose heading links elsewhere). Their dates and headings are other pages'.
/// </summary>
internal static partial class PageTeasers
{
    private static readonly string[] TeaserWords =
    [
        "teaser", "related", "recommend", "similar", "more-news", "morenews", "weitere", "sidebar", "widget", "promo",
        "latest", "popular", "read-also", "readalso", "see-also", "also-read", "newslist", "news-list", "carousel", "slider",
        "breadcrumb", "comment", "cookie", "newsletter", "share", "social",
    ];

    /// <summary>
    /// True when the element lies in navigation, an aside, the site footer, a link or a teaser of another page. A link
    /// to <paramref name="selfUrl"/>, the page's own address, is its permalink (blogs wrap the date in one), not another page.
    /// </summary>
    public static bool IsOutsideArticle(IElement element, IElement? headline, string? selfUrl = null)
    {
        int depth = 0;
        for (var e = element; e is not null && e.LocalName is not ("body" or "html"); e = e.ParentElement, depth++)
        {
            switch (e.LocalName)
            {
                case "a" when IsLinkTo(e, selfUrl):
                    break;
                case "a" or "nav" or "aside" or "script" or "style" or "template" or "noscript" or "select" or "button":
                    return true;
                case "footer" when e.Closest("article, main") is null:
                    return true;
            }
            if (headline is not null && e.Contains(headline)) return false;
            if (IsHidden(e) || HasTeaserName(e) || (depth < 6 && IsTeaserCard(e, selfUrl))) return true;
        }
        return false;
    }

    /// <summary>Hidden from sight: the hidden attribute, aria-hidden, display:none, or a screen-reader-only class.</summary>
    public static bool IsHidden(IElement element)
    {
        if (element.HasAttribute("hidden") || element.GetAttribute("aria-hidden") == "true") return true;
        var style = element.GetAttribute("style");
        if (style is not null && (style.Replace(" ", "").Contains("display:none", StringComparison.OrdinalIgnoreCase)
                                  || style.Replace(" ", "").Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase))) return true;
        var names = element.GetAttribute("class");
        return names is not null && names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(n =>
            n is "sr-only" or "visually-hidden" or "visuallyhidden" or "screen-reader-text" or "screenreader" or "element-invisible"
                or "hidden" or "hide" or "invisible" or "a11y-hidden" or "u-visually-hidden" or "offscreen" or "skip-link" or "skiplink"
            || n.Contains("sr-only", StringComparison.OrdinalIgnoreCase) || n.Contains("visually-hidden", StringComparison.OrdinalIgnoreCase)
            || n.Contains("skip", StringComparison.OrdinalIgnoreCase));
    }

    private static bool HasTeaserName(IElement element)
    {
        var names = $"{element.GetAttribute("class")} {element.Id}";
        if (names.Length < 2) return false;
        foreach (var word in TeaserWords)
            if (names.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>A short block led by a link with a headline's worth of text: the teaser of another article.</summary>
    private static bool IsTeaserCard(IElement element, string? selfUrl)
    {
        var text = element.TextContent.Trim();
        if (text.Length is 0 or > 600) return false;
        foreach (var link in element.QuerySelectorAll("a[href]"))
        {
            var href = link.GetAttribute("href")!.Trim();
            if (href.Length == 0 || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                || IsLinkTo(link, selfUrl) || IsByline(link, href)) continue;
            var linkText = link.TextContent.Trim();
            if (linkText.Length < 15) continue;
            if (link.QuerySelector("h2, h3, h4, h5, h6") is not null || link.Closest("h2, h3, h4, h5, h6") is not null
                || linkText.Length * 3 >= text.Length) return true;
        }
        return false;
    }

    /// <summary>A link to the author's page in a byline ("von Klaus Quibeldey-Cirkel"): the article's, not another one's.</summary>
    private static bool IsByline(IElement link, string href) =>
        (link.GetAttribute("rel") ?? "").Contains("author", StringComparison.OrdinalIgnoreCase)
        || link.Closest(".author, .byline, .vcard, [itemprop=author]") is not null
        || AuthorPath().IsMatch(href);

    [GeneratedRegex(@"/(?:author|authors|autor|autoren|autorin|profile|profil|people|user)/", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorPath();

    /// <summary>The link leads to the address given, whatever its scheme, "www.", trailing slash or fragment.</summary>
    private static bool IsLinkTo(IElement link, string? url)
    {
        if (url is null || link.GetAttribute("href") is not { } href) return false;
        var target = link is AngleSharp.Html.Dom.IHtmlAnchorElement anchor && anchor.Href.Length > 0 ? anchor.Href : href;
        return Comparable(target) is { } a && a == Comparable(url);
    }

    /// <summary>The page's canonical form (<see cref="UrlCleaner.Canonicalize"/>), whatever its scheme, "www." or trailing slash.</summary>
    private static string? Comparable(string url)
    {
        if (UrlCleaner.Canonicalize(url.Trim()) is not { } canonical) return null;
        var uri = new Uri(canonical);
        return $"{UrlCleaner.WithoutWww(uri.Host)}{uri.AbsolutePath.TrimEnd('/')}{uri.Query}";
    }
}
