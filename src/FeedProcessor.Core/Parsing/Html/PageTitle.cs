using System.Text.RegularExpressions;
using AngleSharp.Dom;
using FeedProcessor.Core.Normalizing.Text;

namespace FeedProcessor.Core.Parsing.Html;

/// <summary>
/// The article's title and its headline element. The page's metadata (JSON-LD headline, og:title) and its
/// &lt;title&gt; are cleaned of the site's name as feed titles are; the visible headline decides between them. A
/// heading hidden from sight (screen-reader-only, skip links), one in navigation or a teaser, or one that is the
/// site's own name is never the headline.
/// </summary>
internal static partial class PageTitle
{
    /// <summary>The visible h1 that heads the article, else null.</summary>
    public static IElement? Headline(IDocument document, IReadOnlyCollection<string> siteNames)
    {
        if (document.Body is null) return null;
        var title = PageText.Clean(document.Title) ?? "";
        foreach (var heading in document.Body.QuerySelectorAll("h1"))
        {
            var text = PageText.Clean(heading.TextContent);
            if (text is null || text.Length < 4 || IsSkipLink(text) || IsSiteName(text, siteNames) || IsSitePartOf(title, text)) continue;
            if (IsHiddenWithin(heading) || heading.Closest("nav, aside, footer, a") is not null || LinksHome(heading)) continue;
            return heading;
        }
        return null;
    }

    /// <summary>
    /// The page's metadata title when it has one, else its &lt;title&gt;; either without the site's name. The headline
    /// only decides which part of the &lt;title&gt; is the article's, or stands in when the &lt;title&gt; is the site's name.
    /// </summary>
    public static string? Choose(string? metadata, IElement? headline, string? documentTitle, IReadOnlyCollection<string> siteNames)
    {
        var heading = PageText.Clean(headline?.TextContent);
        var names = siteNames.Concat(SiteNamesAround(documentTitle, heading)).ToList();
        foreach (var candidate in new[] { metadata, documentTitle })
        {
            var cleaned = Clean(candidate, heading, names);
            if (cleaned is not null && !IsSiteName(cleaned, names)) return cleaned;
        }
        return heading ?? PageText.Clean(documentTitle);
    }

    /// <summary>Of JSON-LD's headline and name (which differ on some sites), the one closer to the &lt;title&gt;.</summary>
    public static string? OfJsonLd(string? headline, string? name, string? documentTitle)
    {
        if (headline is null || name is null || headline == name) return headline ?? name;
        var title = documentTitle ?? "";
        bool nameInTitle = title.Contains(name, StringComparison.OrdinalIgnoreCase);
        return nameInTitle && !title.Contains(headline, StringComparison.OrdinalIgnoreCase) ? name : headline;
    }

    /// <summary>The title without the site's name: when the headline is a part of it, the headline's part; else without site affixes.</summary>
    private static string? Clean(string? title, string? heading, IReadOnlyCollection<string> siteNames)
    {
        title = PageText.Clean(title);
        if (title is null) return null;
        if (heading is not null && heading.Length >= 10 && !title.Equals(heading, StringComparison.OrdinalIgnoreCase)
            && title.Contains(heading, StringComparison.OrdinalIgnoreCase) && SiteAffix().IsMatch(title.Replace(heading, "\0", StringComparison.OrdinalIgnoreCase)))
        {
            // Of the headline and the rest, the longer is the article's title: "BMAS - Mindestlohn steigt …" has the
            // headline as its title, "Silicon Exposed: Open Verilog flow …" has a blog's name as its headline.
            var rest = PageText.Clean(Separators().Replace(title.Replace(heading, " ", StringComparison.OrdinalIgnoreCase).Trim().Trim('(', ')'), " "));
            return rest is null || heading.Length >= rest.Length ? heading : rest;
        }
        return TitleCleaner.RemoveSiteAffixes(title, siteNames) is { Length: > 0 } cleaned ? cleaned : title;
    }

    /// <summary>
    /// Parts of the &lt;title&gt; around the headline's text ("BMAS - Headline", "Headline - Ministry"), which are the
    /// site's name; and "(U.S. National Park Service)" style suffixes in parentheses.
    /// </summary>
    private static IEnumerable<string> SiteNamesAround(string? documentTitle, string? heading)
    {
        var title = PageText.Clean(documentTitle);
        if (title is null) yield break;
        if (heading is not null && heading.Length >= 10)
        {
            var at = title.IndexOf(heading, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                foreach (var part in new[] { title[..at], title[(at + heading.Length)..] })
                    if (PageText.Clean(Separators().Replace(part, " ")) is { } name) yield return name;
            }
        }
    }

    /// <summary>"Article headline | Heading": the heading is the shorter part at one end of the &lt;title&gt;, the site's name.</summary>
    private static bool IsSitePartOf(string title, string heading)
    {
        var parts = Separator().Split(title);
        if (parts.Length < 2) return false;
        var rest = title.Length - heading.Length;
        return (parts[^1].Equals(heading, StringComparison.OrdinalIgnoreCase) || parts[0].Equals(heading, StringComparison.OrdinalIgnoreCase)) && rest > heading.Length + 3;
    }

    /// <summary>A heading that links to the site's home page is the site's logo.</summary>
    private static bool LinksHome(IElement heading) =>
        heading.QuerySelectorAll("a[href]").Any(a =>
            (a.GetAttribute("class") ?? "").Contains("logo", StringComparison.OrdinalIgnoreCase)
            || HomeLink().IsMatch(a.GetAttribute("href")!.Trim()));

    [GeneratedRegex(@"^(?:(?:https?:)?//[^/]+)?/?(?:[a-z]{2}(?:-[a-z]{2})?/?)?(?:index\.\w+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex HomeLink();

    private static bool IsHiddenWithin(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
            if (PageTeasers.IsHidden(e)) return true;
        return false;
    }

    private static bool IsSiteName(string text, IReadOnlyCollection<string> siteNames) =>
        siteNames.Any(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));

    private static bool IsSkipLink(string text) => SkipLink().IsMatch(text);

    [GeneratedRegex(@"^(?:navigation\s+und\s+service|skip\s+to|zum\s+inhalt|direkt\s+zum|springe\s+zu|перейти\s+к|menu|menü|navigation|hauptnavigation|main\s+menu)", RegexOptions.IgnoreCase)]
    private static partial Regex SkipLink();

    /// <summary>The headline (marked \0) with the site's name before or after it, set off by a separator or in parentheses.</summary>
    [GeneratedRegex(@"^(?:[^\0]{1,80}\s*(?:\|\|?|[-–—]|::|•|/|»|:)\s*)?\0(?:\s*(?:\|\|?|[-–—]|::|•|/|»|:)\s*[^\0]{1,80}|\s*\([^\0()]{2,80}\))?$")]
    private static partial Regex SiteAffix();

    [GeneratedRegex(@"\s+(?:\|\|?|[-–—]|::|•|/|»)\s+")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^\s*(?:\|\|?|[-–—]|::|•|/|»|:)\s*|\s*(?:\|\|?|[-–—]|::|•|/|»|:)\s*$")]
    private static partial Regex Separators();
}
