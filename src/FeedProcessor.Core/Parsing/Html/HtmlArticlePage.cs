using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Parsing.Html;

/// <summary>
/// One article page of a site without a feed. Configured selectors win; otherwise the title, date, author, lead
/// image and language come from the page's own metadata first (JSON-LD, Open Graph and article:* tags, Dublin Core
/// and other meta tags, &lt;time datetime&gt;) and only then from the visible page (the headline, a dateline near it);
/// the main text comes from <see cref="MainContent"/>.
/// </summary>
public static class HtmlArticlePage
{
    public static ParsedEntry Parse(string html, Uri pageUrl, HtmlSelectors? selectors)
    {
        var document = new HtmlParser().ParseDocument(html);
        var baseUri = HtmlDocuments.BaseUri(document, pageUrl);
        var metadata = new PageMetadata(document);
        var siteNames = metadata.SiteNames().Append(baseUri.Host).Append(baseUri.Host.StartsWith("www.", StringComparison.Ordinal) ? baseUri.Host[4..] : baseUri.Host).ToList();
        var headline = PageTitle.Headline(document, siteNames);
        var canonical = Absolute(baseUri, document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        return new ParsedEntry
        {
            Guid = canonical ?? pageUrl.AbsoluteUri,
            Title = PageText.Clean(HtmlDocuments.Select(document, selectors?.Title)?.TextContent)
                ?? PageTitle.Choose(metadata.JsonLdTitle ?? metadata.MetaTitle, headline, document.Title, siteNames),
            Link = canonical ?? pageUrl.AbsoluteUri,
            Published = Date(document, selectors?.Date, metadata, headline),
            Author = metadata.Author,
            Language = PageText.Clean(document.DocumentElement.GetAttribute("lang")) ?? metadata.Meta("og:locale") ?? metadata.Meta("content-language") ?? metadata.Meta("dc.language"),
            SummaryHtml = (metadata.Meta("og:description") ?? metadata.Meta("description")) is { } description ? WebUtility.HtmlEncode(description) : null,
            ContentHtml = MainContent.Extract(html, pageUrl, document, selectors?.Content),
            ImageUrl = Absolute(baseUri, metadata.Meta("og:image") ?? metadata.Meta("twitter:image") ?? metadata.JsonLdImage),
            // A saved page (file:) has no host; its canonical link still names the site.
            Site = new[] { baseUri.Host, canonical is null ? "" : new Uri(canonical).Host }.FirstOrDefault(h => h.Length > 0),
        };
    }

    /// <summary>
    /// The date: the selector's, else the page's metadata in order of trust (JSON-LD, meta tags, the first
    /// &lt;time datetime&gt; that is not in a teaser of another page), else a visible dateline near the headline.
    /// Metadata is kept as written (it carries its offset); a visible dateline is given as ISO 8601.
    /// </summary>
    private static string? Date(IDocument document, string? selector, PageMetadata metadata, IElement? headline)
    {
        var selected = HtmlDocuments.Select(document, selector);
        if (selected is not null)
            return PageText.Clean(selected.GetAttribute("datetime")) ?? PageText.Clean(selected.GetAttribute("content")) ?? PageText.Clean(selected.TextContent);
        return metadata.JsonLdDate
            ?? metadata.MetaDate
            ?? document.QuerySelectorAll("time[datetime]").Where(t => !PageTeasers.IsOutsideArticle(t, headline))
                .Select(t => PageText.Clean(t.GetAttribute("datetime"))).FirstOrDefault(d => d is not null && d.Length >= 8)
            ?? PageDateline.Find(document, headline);
    }

    private static string? Absolute(Uri baseUri, string? url) =>
        url is not null && Uri.TryCreate(baseUri, url.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
