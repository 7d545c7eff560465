using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Functions.Functions;

/// <summary>
/// `POST /api/poll`: runs one poll cycle now, for an operator who does not want to wait for the schedule. It is the
/// only function that changes anything, so it needs a function key (`x-functions-key` header or `?code=`); the
/// read-only API stays anonymous. Per-source leases keep it from fetching a source the timer is polling.
/// </summary>
public sealed class PollNow(PollCycle poll, SourceCatalog catalog, ILogger<PollNow> logger)
{
    [Function(nameof(PollNow))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "poll")] HttpRequest request, CancellationToken cancellationToken)
    {
        var sources = await catalog.RefreshAsync(cancellationToken);
        logger.LogInformation("Poll requested by an operator: {Sources} sources", sources.Count);
        var reports = await poll.RunAsync(sources, cancellationToken: cancellationToken);
        return new OkObjectResult(new
        {
            sources = reports.Select(r => new { id = r.SourceId, status = r.Status, @new = r.New, unchanged = r.Unchanged, failed = r.Failed, error = r.Error }),
            newItems = reports.Sum(r => r.New),
        });
    }
}
