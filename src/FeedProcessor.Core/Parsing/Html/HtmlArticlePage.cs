using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FeedProcessor.Core.Normalizing.Urls;
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
        var canonical = Absolute(baseUri, document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        // A saved page (file:) has no host; its canonical link still names the site.
        var host = new[] { baseUri.Host, canonical is null ? "" : new Uri(canonical).Host }.FirstOrDefault(h => h.Length > 0);
        var siteNames = metadata.SiteNames().ToList();
        if (host is not null) siteNames.AddRange([host, UrlCleaner.WithoutWww(host)]);
        var headline = PageTitle.Headline(document, siteNames);
        var title = PageText.Clean(HtmlDocuments.Select(document, selectors?.Title)?.TextContent)
            ?? PageTitle.Choose(metadata.JsonLdTitle ?? metadata.MetaTitle, headline, document.Title, siteNames);
        return new ParsedEntry
        {
            Guid = canonical ?? pageUrl.AbsoluteUri,
            Title = title,
            Link = canonical ?? pageUrl.AbsoluteUri,
            Published = Date(document, selectors?.Date, metadata, headline, canonical ?? pageUrl.AbsoluteUri),
            Author = metadata.Author,
            Language = PageText.Clean(document.DocumentElement.GetAttribute("lang")) ?? metadata.Meta("og:locale") ?? metadata.Meta("content-language") ?? metadata.Meta("dc.language"),
            SummaryHtml = (metadata.Meta("og:description") ?? metadata.Meta("description")) is { } description ? WebUtility.HtmlEncode(description) : null,
            ContentHtml = MainContent.Extract(html, pageUrl, document, selectors?.Content, title),
            ImageUrl = Absolute(baseUri, metadata.Meta("og:image") ?? metadata.Meta("twitter:image") ?? metadata.JsonLdImage),
            Site = host,
        };
    }

    /// <summary>
    /// The date: the selector's, else the page's metadata in order of trust (JSON-LD, meta tags, the first
    /// &lt;time datetime&gt; that is not in a teaser of another page), else a visible dateline near the headline, else
    /// the day the page's address names (/2016/02/28/). Metadata is kept as written (it carries its offset); a
    /// visible dateline or an address's day is given as ISO 8601.
    /// </summary>
    private static string? Date(IDocument document, string? selector, PageMetadata metadata, IElement? headline, string selfUrl)
    {
        var selected = HtmlDocuments.Select(document, selector);
        if (selected is not null)
            return PageText.Clean(selected.GetAttribute("datetime")) ?? PageText.Clean(selected.GetAttribute("content")) ?? PageText.Clean(selected.TextContent);
        return metadata.JsonLdDate
            ?? metadata.MetaDate
            ?? document.QuerySelectorAll("time[datetime]").Where(t => !PageTeasers.IsOutsideArticle(t, headline, selfUrl))
                .Select(t => PageText.Clean(t.GetAttribute("datetime"))).FirstOrDefault(d => d is not null && d.Length >= 8)
            ?? PageDateline.Find(document, headline, selfUrl)
            ?? PageDateline.InAddress(selfUrl);
    }

    private static string? Absolute(Uri baseUri, string? url) =>
        url is not null && Uri.TryCreate(baseUri, url.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}
