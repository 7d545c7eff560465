using System.Globalization;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage.Index;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Functions.Functions;

/// <summary>Polls every source on the schedule and writes each new item as a blob in `raw`; then keeps the index (first build, retention).</summary>
public sealed class PollFeeds(PollCycle poll, SourceCatalog catalog, IndexMaintenance maintenance, ILogger<PollFeeds> logger)
{
    [Function(nameof(PollFeeds))]
    public async Task RunAsync([TimerTrigger("%PollSchedule%", RunOnStartup = false)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (timer.IsPastDue)
            logger.LogWarning("The poll is running late (past due); the previous cycle or a host restart delayed it");
        var sources = await catalog.RefreshAsync(cancellationToken);
        if (catalog.LastError is not null)
            logger.LogError("The uploaded source list is invalid, keeping the previous one: {Error}", catalog.LastError);
        var reports = await poll.RunAsync(sources, report =>
        {
            // The alert "a source failing for more than 6 hours" (infra/app/alerts.bicep) matches these two templates
            // and reads LastSuccess as an ISO 8601 time: keep them in step.
            if (report.Status == "failed")
                logger.LogWarning("{SourceId}: failed in {Elapsed} ({ConsecutiveFailures} in a row, last success {LastSuccess}): {Error}",
                    report.SourceId, report.Elapsed, report.State?.ConsecutiveFailures, report.State?.LastSuccess?.ToString("O", CultureInfo.InvariantCulture) ?? "never", report.Error);
            else
                logger.LogInformation("{SourceId}: {Status}, {New} new, {Unchanged} unchanged in {Elapsed}",
                    report.SourceId, report.Status, report.New, report.Unchanged, report.Elapsed);
        }, cancellationToken);
        logger.LogInformation("Poll cycle done: {Sources} sources, {New} new items, {Failed} sources failed",
            reports.Count, reports.Sum(r => r.New), reports.Count(r => r.Status == "failed"));
        await maintenance.RunAsync(cancellationToken);
    }
}
