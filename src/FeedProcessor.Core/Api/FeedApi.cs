using System.Text.Json;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Publishing.Http;
using FeedProcessor.Core.Publishing.Opml;
using FeedProcessor.Core.Publishing.Pages;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Core.Api;

/// <summary>
/// The HTTP API, once for both hosts: the Functions app's HTTP functions and `feedproc run` call
/// <see cref="HandleAsync"/> with the same <see cref="ApiRequest"/> and copy the <see cref="ApiResponse"/> to the wire.
/// Everything here is read-only and anonymous. A feed request reads no blob at all while the cached index is fresh.
/// </summary>
public sealed class FeedApi(IBlobStore store, FeedIndexStore index, Func<IReadOnlyList<SourceDefinition>> sources, PublishingOptions? options = null)
{
    private static readonly TimeSpan SourcesCacheInterval = TimeSpan.FromSeconds(5);
    private readonly FeedEndpoint _feed = new(options);
    private readonly SourceStateStore _states = new(store);
    private readonly PoisonStore _poison = new(store);
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private (DateTimeOffset At, IReadOnlyList<SourceStatusView> Rows)? _sourcesCache;

    /// <summary>Routes a request below `/api/` to its handler; unknown routes get a 404 problem.</summary>
    public async Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        switch (request.Route)
        {
            case FeedEndpoint.Route:
                var snapshot = await index.GetAsync(cancellationToken).ConfigureAwait(false);
                return _feed.Handle(request, snapshot.Index, snapshot.Version, sources());
            case "feed.xsl":
                return FeedStylesheet.Handle(request);
            case "sources":
                return Json(200, new { sources = await SourceStatusesAsync(cancellationToken).ConfigureAwait(false) });
            case "sources.opml":
                return OpmlEndpoint.Handle(request, sources(), _started, options);
            case "health":
                return await HealthAsync(cancellationToken).ConfigureAwait(false);
            case "":
                return HomePage.Handle(request, await SourceStatusesAsync(cancellationToken).ConfigureAwait(false), DateTimeOffset.UtcNow, options);
            default:
                // The route is not echoed back: it is attacker-controlled text.
                return new Problem("about:blank", "Not Found", 404,
                    "There is no such API route. Try /api/feed, /api/sources, /api/sources.opml or /api/health.").ToResponse();
        }
    }

    public async Task<IReadOnlyList<SourceStatusView>> SourceStatusesAsync(CancellationToken cancellationToken = default)
    {
        if (_sourcesCache is { } cached && DateTimeOffset.UtcNow - cached.At < SourcesCacheInterval) return cached.Rows;
        var poisoned = (await _poison.ListNamesAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(name => name.Split('/')[0]).ToDictionary(g => g.Key, g => g.Count());
        var rows = await Task.WhenAll(sources().Select(async source => SourceStatusRows.From(source,
            await _states.ReadAsync(source.Id, cancellationToken).ConfigureAwait(false),
            poisoned.GetValueOrDefault(source.Id)))).ConfigureAwait(false);
        _sourcesCache = (DateTimeOffset.UtcNow, rows);
        return rows;
    }

    private async Task<ApiResponse> HealthAsync(CancellationToken cancellationToken)
    {
        var snapshot = await index.GetAsync(cancellationToken).ConfigureAwait(false);
        var degraded = snapshot.Error is not null;
        return Json(200, new
        {
            status = degraded ? "degraded" : "ok",
            storage = degraded ? $"unreachable; serving the last good index: {snapshot.Error}" : "ok",
            articles = snapshot.Index.Articles.Count,
            indexUpdated = snapshot.Index.Updated,
        });
    }

    private static ApiResponse Json(int status, object body) => new()
    {
        Status = status,
        ContentType = "application/json; charset=utf-8",
        Body = JsonSerializer.SerializeToUtf8Bytes(body, StoredJson.Options),
        Headers = { ["Cache-Control"] = "no-cache" },
    };
}
