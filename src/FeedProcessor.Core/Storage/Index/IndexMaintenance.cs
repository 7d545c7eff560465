using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// What keeps the index right over time, run by the poller of each host (the timer in the Functions app, every cycle of
/// `feedproc`): the one-time build from stored articles (<see cref="IndexRebuild"/>), then the retention sweep, at
/// most once per <see cref="SweepInterval"/> per process. A storage failure is logged and retried next time; it never
/// stops a poll.
/// </summary>
public sealed class IndexMaintenance(IBlobStore store, ArticleIndexer indexer, Retention retention, ILogger? logger = null)
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromHours(1);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _running = new(1, 1);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (!await _running.WaitAsync(0, cancellationToken).ConfigureAwait(false)) return;
        try
        {
            await IndexRebuild.RunIfNeededAsync(store, indexer, _logger, cancellationToken).ConfigureAwait(false);
            if (DateTimeOffset.UtcNow - _lastSweep < SweepInterval) return;
            await new RetentionSweep(store, indexer.Index, retention, _logger).RunAsync(cancellationToken).ConfigureAwait(false);
            _lastSweep = DateTimeOffset.UtcNow;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Index maintenance failed; it is retried at the next poll: {Error}", e.Message);
        }
        finally
        {
            _running.Release();
        }
    }
}
