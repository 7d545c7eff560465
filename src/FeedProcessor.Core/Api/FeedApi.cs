using System.Text.Json;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Core.Api;

/// <summary>
/// The HTTP API, once for both hosts: the Functions app's HTTP functions and `feedproc run` call these
/// methods with the same <see cref="ApiRequest"/> and copy the <see cref="ApiResponse"/> to the wire.
/// Everything here is read-only and anonymous.
/// </summary>
public sealed class FeedApi(IBlobStore store, FeedIndexStore index, Func<IReadOnlyList<SourceDefinition>> sources)
{
    private static readonly TimeSpan SourcesCacheInterval = TimeSpan.FromSeconds(5);
    private readonly FeedEndpoint _feed = new();
    private readonly SourceStateStore _states = new(store);
    private (DateTimeOffset At, IReadOnlyList<SourceStatus> Rows)? _sourcesCache;

    /// <summary>Routes a request below `/api/` to its handler; unknown routes get a 404 problem.</summary>
    public Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken = default) => request.Route switch
    {
        "feed" => FeedAsync(request, cancellationToken),
        "sources" => SourcesAsync(cancellationToken),
        "health" => HealthAsync(cancellationToken),
        _ => Task.FromResult(Problems.NotFound(request.Route)),
    };

    public async Task<ApiResponse> FeedAsync(ApiRequest request, CancellationToken cancellationToken = default)
    {
        var snapshot = await index.GetAsync(cancellationToken).ConfigureAwait(false);
        return _feed.Handle(request, snapshot.Index, snapshot.Version, sources());
    }

    public async Task<ApiResponse> SourcesAsync(CancellationToken cancellationToken = default)
    {
        var rows = await SourceStatusesAsync(cancellationToken).ConfigureAwait(false);
        return Json(200, new { sources = rows });
    }

    public async Task<IReadOnlyList<SourceStatus>> SourceStatusesAsync(CancellationToken cancellationToken = default)
    {
        if (_sourcesCache is { } cached && DateTimeOffset.UtcNow - cached.At < SourcesCacheInterval) return cached.Rows;
        var list = sources();
        var poisoned = (await new PoisonStore(store).ListNamesAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(name => name.Split('/')[0]).ToDictionary(g => g.Key, g => g.Count());
        var rows = await Task.WhenAll(list.Select(async source =>
            SourceStatus.From(source, await _states.ReadAsync(source.Id, cancellationToken).ConfigureAwait(false), poisoned.GetValueOrDefault(source.Id)))).ConfigureAwait(false);
        _sourcesCache = (DateTimeOffset.UtcNow, rows);
        return rows;
    }

    public async Task<ApiResponse> HealthAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await index.GetAsync(cancellationToken).ConfigureAwait(false);
        var degraded = snapshot.Error is not null;
        return Json(200, new
        {
            status = degraded ? "degraded" : "ok",
            storage = degraded ? $"unreachable, serving the last good index: {snapshot.Error}" : "ok",
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
