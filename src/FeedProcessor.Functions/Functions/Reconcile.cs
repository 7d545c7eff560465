using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Functions.Functions;

/// <summary>
/// The reconciliation sweep on a schedule (`ReconcileSchedule`, every 5 minutes as deployed): normalizes raw items
/// Event Grid never delivered (older than `FeedProcessor:ReconcileAfter`, 10 minutes by default), replays
/// dead-lettered events and interrupted index merges. See <see cref="Reconciler"/>.
/// </summary>
public sealed class Reconcile(Reconciler reconciler, SourceCatalog catalog, ILogger<Reconcile> logger)
{
    [Function(nameof(Reconcile))]
    public async Task RunAsync([TimerTrigger("%ReconcileSchedule%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken)
    {
        // Scraped drops in raw are read with their source's settings.
        await catalog.EnsureLoadedAsync(cancellationToken);
        var result = await reconciler.SweepAsync(cancellationToken);
        if (result.Status.Error is not null)
            logger.LogError("Reconciliation did not finish and runs again on schedule: {Error}", result.Status.Error);
    }
}
