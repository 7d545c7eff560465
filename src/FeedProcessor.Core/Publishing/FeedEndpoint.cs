using System.Security.Cryptography;
using System.Text;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing.Http;
using FeedProcessor.Core.Publishing.Query;
using FeedProcessor.Core.Publishing.Selection;
using FeedProcessor.Core.Publishing.Writers;
using FeedProcessor.Core.Publishing.Writers.Atom;
using FeedProcessor.Core.Publishing.Writers.Json;
using FeedProcessor.Core.Publishing.Writers.Rss;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Publishing;

/// <summary>
/// Serves `GET /api/feed`: one instance per process. A rendered response is cached by (index version, query,
/// format, public base URL), so the default feed is rendered once per index version and a revalidation
/// (If-None-Match) costs a query parse and a dictionary look-up.
/// </summary>
public sealed class FeedEndpoint
{
    public const string Route = "feed";
    public const string BrowserRssContentType = "application/xml; charset=utf-8";

    private static readonly IFeedWriter Rss = new RssWriter();
    private static readonly IFeedWriter Atom = new AtomWriter();
    private static readonly IFeedWriter Json = new JsonFeedWriter();
    private static readonly IFeedWriter Page = new Pages.FeedPage();

    private readonly PublishingOptions _options;
    private readonly RenderedResponseCache _cache;

    public FeedEndpoint(PublishingOptions? options = null)
    {
        _options = options ?? PublishingOptions.Default;
        _cache = new RenderedResponseCache(_options.ResponseCacheEntries);
    }

    /// <summary>How many rendered responses are held; for the health endpoint and tests.</summary>
    public int CachedResponses => _cache.Count;

    public async Task<ApiResponse> HandleAsync(ApiRequest request, PublishedIndex index, IReadOnlyList<SourceDefinition> sources,
        CancellationToken cancellationToken = default)
    {
        var accept = request.Header("Accept");
        var parsed = FeedQuery.Parse(request.Query, accept);
        if (parsed.Problem is not null) return parsed.Problem.ToResponse();
        var query = parsed.Query!;

        // A browser that asks for the RSS by name (format=rss) gets it as application/xml, which it shows instead of
        // downloading; without a format it gets the page (AcceptNegotiation). Readers get application/rss+xml.
        var forBrowser = query.Format == OutputFormat.Rss && AcceptNegotiation.PrefersHtml(accept);
        var baseUrl = request.PublicBaseUrl;
        // The self link determines the query and the public base URL; the format may come from Accept instead.
        var selfUrl = SelfUrl(baseUrl, query);
        var indexVersion = (await index.GetAsync(cancellationToken).ConfigureAwait(false)).Version;
        var key = string.Join('\n', indexVersion, FeedQuery.FormatName(query.Format), forBrowser ? "browser" : "reader", selfUrl);
        if (_cache.TryGet(key, out var cached)) return cached.Respond(request);

        if (UnknownSource(query, sources) is { } unknown)
            return Problem.InvalidParameter("source", $"There is no source '{unknown}'; the sources are listed at {baseUrl}/sources.opml.").ToResponse();

        var selection = await FeedSelector.SelectAsync(index.Index, index.Articles, query, index.Retention, sources, _options, cancellationToken).ConfigureAwait(false);
        var nextUrl = selection.Next is { } next ? SelfUrl(baseUrl, query with { After = next, GivenParameters = [.. query.GivenParameters.Where(p => p != "after"), "after"] }) : null;
        var rendered = Render(query, forBrowser, baseUrl, selfUrl, nextUrl, selection, sources);
        _cache.Set(key, rendered);
        return rendered.Respond(request);
    }

    private RenderedResponse Render(FeedQuery query, bool forBrowser, string baseUrl, string selfUrl, string? nextUrl, FeedSelection selection,
        IReadOnlyList<SourceDefinition> sources)
    {
        var writer = query.Format switch
        {
            OutputFormat.Atom => Atom,
            OutputFormat.Json => Json,
            OutputFormat.Html => Page,
            _ => Rss,
        };
        // The newest change among the items: an edit, a publication, or an article first seen late.
        var updated = default(DateTimeOffset);
        foreach (var item in selection.Items)
        {
            foreach (var changed in (ReadOnlySpan<DateTimeOffset>)[ArticleContent.LastChanged(item), item.FirstSeen, item.Updated ?? item.FirstSeen])
                if (changed > updated) updated = changed;
        }
        if (updated == default) updated = DateTimeOffset.UnixEpoch;

        var document = new FeedDocument
        {
            Title = selection.Title,
            Description = _options.FeedDescription,
            FeedId = "urn:feedprocessor:feed:" + Hash(query.FeedKey),
            SelfUrl = selfUrl,
            NextUrl = nextUrl,
            HomeUrl = baseUrl + "/",
            Updated = updated,
            Language = selection.CommonLanguage,
            Items = selection.Items,
            Sources = sources,
        };

        using var body = new MemoryStream();
        writer.Write(document, body);
        var contentType = forBrowser ? BrowserRssContentType : writer.ContentType;
        return new RenderedResponse(contentType, body.ToArray(), updated, $"public, max-age={_options.MaxAgeSeconds}", "Accept");
    }

    /// <summary>
    /// The URL of this response as the subscriber wrote it, so that validators find the self link equal to the
    /// fetched URL: the known parameters in the request's order with their parsed values; unknown ones dropped.
    /// </summary>
    public static string SelfUrl(string baseUrl, FeedQuery query)
    {
        var url = new StringBuilder(baseUrl).Append('/').Append(Route);
        var separator = '?';
        foreach (var name in query.GivenParameters)
        {
            var value = name switch
            {
                "format" => FeedQuery.FormatName(query.Format),
                "limit" => query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "source" => string.Join(',', query.Sources),
                "lang" => query.Language,
                "category" => query.Category,
                "q" => query.Text,
                "since" => query.Since is { } since ? FeedDates.Rfc3339(since) : null,
                "after" => query.After?.ToToken(),
                _ => null,
            };
            if (value is null) continue;
            url.Append(separator).Append(name).Append('=');
            QueryEscaping.AppendEscaped(url, value);
            separator = '&';
        }
        return url.ToString();
    }

    private static string? UnknownSource(FeedQuery query, IReadOnlyList<SourceDefinition> sources) =>
        query.Sources.FirstOrDefault(id => !sources.Any(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase)));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..12]);
}
