using System.Text.Json;
using FeedProcessor.Core.Processing;
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
/// <paramref name="nextCycle"/> tells the home page when the host polls next, when the host knows.
/// </summary>
public sealed class FeedApi(IBlobStore store, PublishedIndex index, Func<IReadOnlyList<SourceDefinition>> sources, PublishingOptions? options = null,
    Func<DateTimeOffset?>? nextCycle = null)
{
    private static readonly TimeSpan SourcesCacheInterval = TimeSpan.FromSeconds(5);
    private readonly FeedEndpoint _feed = new(options);
    private readonly SourceStateStore _states = new(store);
    private readonly PoisonStore _poison = new(store);
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private (DateTimeOffset At, IReadOnlyList<SourceStatusView> Rows)? _sourcesCache;
    private (DateTimeOffset At, ReconcileStatus? Reconcile, int DeadLetters, int Poison)? _operationsCache;

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
            case "sources":
                return Json(200, new SourceStatusList(await SourceStatusesAsync(cancellationToken).ConfigureAwait(false)));
            case "sources.opml":
                return OpmlEndpoint.Handle(request, sources(), _started, options);
            case "health":
                return await HealthAsync(cancellationToken).ConfigureAwait(false);
            case "":
                return HomePage.Handle(request, await SourceStatusesAsync(cancellationToken).ConfigureAwait(false), DateTimeOffset.UtcNow, options, nextCycle?.Invoke());
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
        var operations = degraded ? null : await OperationsAsync(cancellationToken).ConfigureAwait(false);
        return Json(200, new HealthReport(
            degraded ? "degraded" : "ok",
            degraded ? $"unreachable since {snapshot.FailingSince:u}; serving the last good index: {FirstLine(snapshot.Error!)}" : "ok",
            degraded ? ["storage"] : [],
            snapshot.Version)
        {
            Reconcile = operations?.Reconcile,
            DeadLetters = operations?.DeadLetters,
            Poison = operations?.Poison,
        });
    }

    /// <summary>
    /// What an operator watches besides the feed: the last reconciliation sweep, the dead letters waiting for the
    /// next one, and the poison items. Read at most once per <see cref="SourcesCacheInterval"/>, whatever probes the
    /// health route; null when storage does not answer.
    /// </summary>
    private async Task<(DateTimeOffset At, ReconcileStatus? Reconcile, int DeadLetters, int Poison)?> OperationsAsync(CancellationToken cancellationToken)
    {
        if (_operationsCache is { } cached && DateTimeOffset.UtcNow - cached.At < SourcesCacheInterval) return cached;
        try
        {
            var reconcile = await ReconcileStatus.ReadAsync(store, cancellationToken).ConfigureAwait(false);
            var deadLetters = await new DeadLetters(store).CountAsync(cancellationToken).ConfigureAwait(false);
            var poison = (await _poison.ListNamesAsync(cancellationToken).ConfigureAwait(false)).Count;
            _operationsCache = (DateTimeOffset.UtcNow, reconcile, deadLetters, poison);
            return _operationsCache;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
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
