using System.Globalization;
using System.Net;
using System.Text;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing.Http;
using FeedProcessor.Core.Publishing.Opml;
using FeedProcessor.Core.Publishing.Writers;

namespace FeedProcessor.Core.Publishing.Pages;

/// <summary>
/// `GET /api/`: a small page for people: the feed in every format, the OPML of the sources, and how each source
/// is doing. Inline CSS, no script, no external resource; every value is HTML-encoded, since source titles and
/// error messages come from outside.
/// </summary>
public static class HomePage
{
    public const string Route = "";
    public const string ContentType = "text/html; charset=utf-8";

    /// <param name="nextCycle">When the host polls next, if it knows; a source with no wait of its own is polled then.</param>
    public static ApiResponse Handle(ApiRequest request, IReadOnlyList<SourceStatusView> sources, DateTimeOffset now, PublishingOptions? options = null,
        DateTimeOffset? nextCycle = null)
    {
        options ??= PublishingOptions.Default;
        var html = Render(request.PublicBaseUrl, sources, now, options, nextCycle);
        var rendered = new RenderedResponse(ContentType, Encoding.UTF8.GetBytes(html), now, $"public, max-age={options.MaxAgeSeconds}");
        return rendered.Respond(request);
    }

    public static string Render(string publicBaseUrl, IReadOnlyList<SourceStatusView> sources, DateTimeOffset now, PublishingOptions? options = null,
        DateTimeOffset? nextCycle = null)
    {
        options ??= PublishingOptions.Default;
        var feedUrl = $"{publicBaseUrl}/{FeedEndpoint.Route}";
        var page = new StringBuilder(4096 + sources.Count * 512);
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(options.FeedTitle)).Append("</title>\n")
            .Append("<link rel=\"alternate\" type=\"application/rss+xml\" title=\"").Append(Encode(options.FeedTitle)).Append(" (RSS)\" href=\"").Append(Encode(feedUrl)).Append("\">\n")
            .Append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"").Append(Encode(options.FeedTitle)).Append(" (Atom)\" href=\"").Append(Encode(feedUrl + "?format=atom")).Append("\">\n")
            .Append("<link rel=\"alternate\" type=\"application/feed+json\" title=\"").Append(Encode(options.FeedTitle)).Append(" (JSON Feed)\" href=\"").Append(Encode(feedUrl + "?format=json")).Append("\">\n")
            .Append(Style)
            .Append("</head>\n<body>\n<header>\n<h1>").Append(Encode(options.FeedTitle)).Append("</h1>\n<p>").Append(Encode(options.FeedDescription)).Append("</p>\n</header>\n<main>\n");

        page.Append("<section aria-labelledby=\"feeds\">\n<h2 id=\"feeds\">Subscribe</h2>\n")
            .Append("<p>Copy one of these addresses into your feed reader. Add <code>?source=id,id</code>, <code>lang=</code>, <code>category=</code>, <code>q=</code> or <code>since=</code> to narrow the feed.</p>\n<ul>\n");
        AppendLinkItem(page, "RSS 2.0", feedUrl);
        AppendLinkItem(page, "Atom 1.0", feedUrl + "?format=atom");
        AppendLinkItem(page, "JSON Feed 1.1", feedUrl + "?format=json");
        AppendLinkItem(page, "OPML list of the sources", $"{publicBaseUrl}/{OpmlEndpoint.Route}");
        page.Append("</ul>\n</section>\n");

        page.Append("<section aria-labelledby=\"sources\">\n<h2 id=\"sources\">Sources</h2>\n")
            .Append("<table>\n<caption>").Append(sources.Count.ToString(CultureInfo.InvariantCulture)).Append(" sources, as of ").Append(Encode(Time(now))).Append("</caption>\n")
            .Append("<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Health</th><th scope=\"col\">Last success</th><th scope=\"col\">Last poll</th><th scope=\"col\">Items fetched</th><th scope=\"col\">Next poll</th></tr></thead>\n<tbody>\n");
        foreach (var source in sources) AppendSourceRow(page, source, feedUrl, now, nextCycle);
        page.Append("</tbody>\n</table>\n</section>\n</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static void AppendSourceRow(StringBuilder page, SourceStatusView source, string feedUrl, DateTimeOffset now, DateTimeOffset? nextCycle)
    {
        var healthy = source.ConsecutiveFailures == 0 && source.LastError is null;
        page.Append("<tr><td><a href=\"").Append(Encode(FeedUrls.AbsoluteHttp(source.Url) ?? "#")).Append("\">").Append(Encode(source.Title)).Append("</a>")
            .Append(" <small>(<a href=\"").Append(Encode($"{feedUrl}?source={Uri.EscapeDataString(source.Id)}")).Append("\">feed</a>, <code>")
            .Append(Encode(source.Id)).Append("</code>)</small></td>");

        page.Append("<td class=\"").Append(healthy ? "ok" : "failing").Append("\">")
            .Append(healthy ? "OK" : $"Failing ({source.ConsecutiveFailures.ToString(CultureInfo.InvariantCulture)} in a row)");
        if (source.LastStatus is { } status) page.Append(" <small>").Append(Encode(status)).Append("</small>");
        if (source.LastError is { } error) page.Append("<br><small>").Append(Encode(error)).Append("</small>");
        if (source.PendingRedirect is { } redirect) page.Append("<br><small>Moving to ").Append(Encode(redirect.Target))
            .Append(" (permanent redirect since ").Append(Encode(Time(redirect.FirstSeen))).Append(")</small>");
        page.Append("</td>");

        page.Append("<td>").Append(Encode(Time(source.LastSuccess))).Append("</td><td>").Append(Encode(Time(source.LastPolled))).Append("</td>")
            .Append("<td>").Append(source.ItemsFetched.ToString(CultureInfo.InvariantCulture)).Append("</td>")
            .Append("<td>").Append(Encode(NextPoll(source.NextPollNotBefore, now, nextCycle))).Append("</td></tr>\n");
    }

    private static void AppendLinkItem(StringBuilder page, string label, string url) =>
        page.Append("<li>").Append(Encode(label)).Append(": <a href=\"").Append(Encode(url)).Append("\"><code>").Append(Encode(url)).Append("</code></a></li>\n");

    /// <summary>
    /// A source with no wait (no Retry-After, backoff or ttl pending) is polled at the host's next cycle; one that
    /// must wait, at the first cycle after its wait ends.
    /// </summary>
    private static string NextPoll(DateTimeOffset? notBefore, DateTimeOffset now, DateTimeOffset? nextCycle)
    {
        if (notBefore is { } wait && wait > now && (nextCycle is null || wait > nextCycle)) return "not before " + Time(wait);
        if (nextCycle is { } cycle) return Time(cycle > now ? cycle : now);
        return "at the next scheduled poll";
    }

    private static string Time(DateTimeOffset? value) => value is { } time ? HtmlText.Utc(time) : "never";

    private static string Encode(string text) => HtmlText.Encode(text);

    private const string Style = """
        <style>
        body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1b1b1b; background: #fff; }
        header { border-bottom: 2px solid #0b5394; }
        a { color: #0b5394; }
        code { overflow-wrap: anywhere; }
        table { border-collapse: collapse; width: 100%; }
        caption { text-align: left; color: #555; padding: .25rem 0; }
        th, td { border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }
        td.ok { color: #0a6b2d; }
        td.failing { color: #a4161a; font-weight: 600; }
        @media (prefers-color-scheme: dark) {
          body { background: #111; color: #eee; } a { color: #8ab4f8; } caption { color: #aaa; }
          td.ok { color: #7ddc9b; } td.failing { color: #ff8a8a; }
        }
        </style>

        """;
}
