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
/// Everything here is read-only and anonymous. A feed request reads nothing while the index version checked last is fresh
/// and its response is cached.
/// </summary>
public sealed class FeedApi(IBlobStore store, PublishedIndex index, Func<IReadOnlyList<SourceDefinition>> sources, PublishingOptions? options = null)
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
        try
        {
            return await RouteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Storage down before anything was cached (a cold start during an outage): say so, briefly, and when to retry.
            var response = new Problem("about:blank", "Service Unavailable", 503,
                "Storage is unreachable and nothing is cached yet; try again shortly. " + FirstLine(e.Message)).ToResponse();
            response.Headers["Retry-After"] = "30";
            return response;
        }
    }

    private async Task<ApiResponse> RouteAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        switch (request.Route)
        {
            case FeedEndpoint.Route:
                return await _feed.HandleAsync(request, index, sources(), cancellationToken).ConfigureAwait(false);
            case "feed.xsl":
                return FeedStylesheet.Handle(request);
            case "sources":
                return Json(200, new SourceStatusList(await SourceStatusesAsync(cancellationToken).ConfigureAwait(false)));
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
        try
        {
            var rows = await ReadSourceStatusesAsync(cancellationToken).ConfigureAwait(false);
            _sourcesCache = (DateTimeOffset.UtcNow, rows);
            return rows;
        }
        catch (Exception) when (_sourcesCache is { } stale && !cancellationToken.IsCancellationRequested)
        {
            return stale.Rows; // storage down: the last rows read, as the feed keeps its last index
        }
    }

    private async Task<IReadOnlyList<SourceStatusView>> ReadSourceStatusesAsync(CancellationToken cancellationToken)
    {
        var poisoned = (await _poison.ListNamesAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(name => name.Split('/')[0]).ToDictionary(g => g.Key, g => g.Count());
        var rows = await Task.WhenAll(sources().Select(async source => SourceStatusRows.From(source,
            await _states.ReadAsync(source.Id, cancellationToken).ConfigureAwait(false),
            poisoned.GetValueOrDefault(source.Id)))).ConfigureAwait(false);
        return rows;
    }

    private async Task<ApiResponse> HealthAsync(CancellationToken cancellationToken)
    {
        PublishedIndex.Snapshot snapshot;
        try
        {
            snapshot = await index.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Json(200, new HealthReport("degraded",
                $"unreachable; no index cached yet, so the feed is unavailable: {FirstLine(e.Message)}", ["storage", "feed"], null));
        }
        var degraded = snapshot.Error is not null;
        return Json(200, new HealthReport(
            degraded ? "degraded" : "ok",
            degraded ? $"unreachable since {snapshot.FailingSince:u}; serving the last good index: {FirstLine(snapshot.Error!)}" : "ok",
            degraded ? ["storage"] : [],
            snapshot.Version));
    }

    /// <summary>Storage errors run to many lines (request ids, headers); the first says what happened.</summary>
    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }

    private static ApiResponse Json<T>(int status, T body) => new()
    {
        Status = status,
        ContentType = "application/json; charset=utf-8",
        Body = JsonSerializer.SerializeToUtf8Bytes(body, StoredJson.Options),
        Headers = { ["Cache-Control"] = "no-cache" },
    };
}
