using System.Text;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Publishing.Writers;
using static FeedProcessor.Core.Publishing.Pages.HtmlText;

namespace FeedProcessor.Core.Publishing.Pages;

/// <summary>
/// The feed as a web page, for a browser that opens a feed URL (it prefers text/html) or for <c>format=html</c>:
/// the same items as the feed, a box saying how to subscribe, and &lt;link rel="alternate"&gt; to the RSS, Atom
/// and JSON Feed of the same query, so that browsers and their extensions discover them. Rendered on the server,
/// so it needs no XSLT (which browsers are removing); a few lines of script show times in the reader's time zone.
/// </summary>
public sealed class FeedPage : IFeedWriter
{
    public string ContentType => "text/html; charset=utf-8";

    public void Write(FeedDocument document, Stream output)
    {
        var rss = FeedUrl(document.SelfUrl, null);
        var page = new StringBuilder(8192 + document.Items.Count * 1024);
        // The page's own words are English; each article says its own language, so that screen readers, hyphenation
        // and translation tools treat a Russian headline as Russian.
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(document.Title)).Append("</title>\n");
        AppendAlternate(page, "application/rss+xml", document.Title + " (RSS)", rss);
        AppendAlternate(page, "application/atom+xml", document.Title + " (Atom)", FeedUrl(document.SelfUrl, "atom"));
        AppendAlternate(page, "application/feed+json", document.Title + " (JSON Feed)", FeedUrl(document.SelfUrl, "json"));
        page.Append(Style).Append("</head>\n<body>\n<header>\n<h1>").Append(Encode(document.Title)).Append("</h1>\n<p>")
            .Append(Encode(document.Description)).Append("</p>\n</header>\n");

        page.Append("<section class=\"subscribe\" aria-labelledby=\"subscribe-heading\">\n<h2 id=\"subscribe-heading\">Subscribe</h2>\n")
            .Append("<p>This is a news feed. To follow it, copy its address into your feed reader (Feedly, NetNewsWire, Thunderbird, Outlook…):</p>\n")
            .Append("<code>").Append(Encode(rss)).Append("</code>\n")
            .Append("<p>Also as <a href=\"").Append(Encode(FeedUrl(document.SelfUrl, "atom"))).Append("\">Atom</a> and <a href=\"")
            .Append(Encode(FeedUrl(document.SelfUrl, "json"))).Append("\">JSON Feed</a>. <a href=\"").Append(Encode(document.HomeUrl))
            .Append("\">All feeds and sources</a></p>\n</section>\n");

        page.Append("<main>\n<h2>Latest articles</h2>\n");
        if (document.Items.Count == 0) page.Append("<p>No articles yet: none has been polled, or none matches this query.</p>\n");
        foreach (var article in document.Items) AppendArticle(page, article, document);
        page.Append("</main>\n").Append(LocalTimeScript).Append("</body>\n</html>\n");

        var bytes = Encoding.UTF8.GetBytes(page.ToString());
        output.Write(bytes);
    }

    private static void AppendArticle(StringBuilder page, Article article, FeedDocument document)
    {
        page.Append("<article");
        if (LanguageTags.IsWellFormed(article.Language))
            page.Append(" lang=\"").Append(Encode(article.Language!)).Append('"');
        page.Append(">\n<h2>");
        if (FeedUrls.AbsoluteHttp(article.Url) is { } url)
            page.Append("<a href=\"").Append(Encode(url)).Append("\">").Append(Encode(article.Title)).Append("</a>");
        else
            page.Append(Encode(article.Title));
        page.Append("</h2>\n<p class=\"meta\">").Append(Encode(ArticleContent.SourceName(article, document)));
        if (!string.IsNullOrWhiteSpace(article.Author)) page.Append(" · ").Append(Encode(article.Author));
        page.Append(" · ").Append(Time(article.Published ?? article.FirstSeen)).Append("</p>\n");
        if (!string.IsNullOrWhiteSpace(article.Summary)) page.Append("<p>").Append(Encode(article.Summary)).Append("</p>\n");
        if (article.AlsoPublishedBy.Count > 0)
            page.Append("<p class=\"meta\">Also published by: ")
                .Append(Encode(string.Join(", ", article.AlsoPublishedBy.Select(document.SourceTitle)))).Append("</p>\n");
        page.Append("</article>\n");
    }

    private static void AppendAlternate(StringBuilder page, string type, string title, string href) =>
        page.Append("<link rel=\"alternate\" type=\"").Append(type).Append("\" title=\"").Append(Encode(title))
            .Append("\" href=\"").Append(Encode(href)).Append("\">\n");

    /// <summary>
    /// The URL of the same query in a feed format: the page's own URL without its format parameter (RSS, what
    /// readers get by default), or with <c>format=</c> the given one.
    /// </summary>
    internal static string FeedUrl(string selfUrl, string? format)
    {
        var question = selfUrl.IndexOf('?');
        var path = question < 0 ? selfUrl : selfUrl[..question];
        var parameters = question < 0
            ? []
            : selfUrl[(question + 1)..].Split('&').Where(p => p.Length > 0 && !p.StartsWith("format=", StringComparison.OrdinalIgnoreCase)).ToList();
        if (format is not null) parameters.Insert(0, "format=" + format);
        return parameters.Count == 0 ? path : path + "?" + string.Join('&', parameters);
    }

    private const string Style = """
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 48rem; padding: 1rem; color: #1b1b1b; background: #fff; }
        header { border-bottom: 2px solid #0b5394; margin-bottom: 1rem; }
        .subscribe { background: #eef4fb; border: 1px solid #b6cde8; border-radius: 6px; padding: .75rem 1rem; }
        .subscribe code { display: block; overflow-wrap: anywhere; background: #fff; border: 1px solid #ccc; padding: .4rem; margin: .4rem 0; }
        article { border-bottom: 1px solid #ddd; padding: .75rem 0; }
        article h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
        .meta { color: #555; font-size: .9rem; margin: 0; }
        a { color: #0b5394; }
        @media (prefers-color-scheme: dark) {
          body { background: #111; color: #eee; } a { color: #8ab4f8; } .meta { color: #aaa; }
          .subscribe { background: #1c2733; border-color: #345; } .subscribe code { background: #000; border-color: #444; }
        }
        </style>

        """;
}
