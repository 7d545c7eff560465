using FeedProcessor.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// The reconciliation sweep: finds raw items that never became articles and normalizes them, so that nothing is lost
/// when Event Grid misses a blob (no subscription yet right after a deployment, retries exhausted, a broken webhook)
/// or a process dies between polling and normalizing. One run:
/// <list type="bullet">
/// <item>reads the journal entries older than the grace period (<see cref="RawJournal"/>) and keeps the raw items
/// that have no article, or only an older version of it (an edit nobody applied);</item>
/// <item>reads the dead-lettered events (<see cref="DeadLetters"/>) and takes the raw items they name;</item>
/// <item>normalizes and merges all of them through the pipeline's one path (<see cref="Pipeline.NormalizeAsync"/>),
/// which also follows every note of an interrupted index merge (`state/pending/`);</item>
/// <item>then deletes the journal entries and dead-letter blobs it covered, and records what it did
/// (<see cref="ReconcileStatus"/>).</item>
/// </list>
/// Its cost is O(new items): one journal read per poll that found news, one article read per new item, plus what it
/// recovers. A store written before the journal existed has no status blob; its first sweep lists `raw` and
/// `articles` once (<see cref="RawItemProcessor.FindUnprocessedAsync"/>) and records the status, and never again.
/// Everything is idempotent, so two sweeps at once, or a sweep racing Event Grid, give each article once; a short
/// lease keeps two sweeps from doing the same work as a rule.
/// </summary>
/// <param name="gracePeriod">Journal entries younger than this are left alone, so that Event Grid normally gets there first.</param>
public sealed class Reconciler(IBlobStore store, Pipeline pipeline, TimeSpan gracePeriod, ILogger? logger = null)
{
    /// <summary>The default grace period: Event Grid normally delivers within seconds, and retries for minutes.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    private const string LeaseName = "reconcile";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly RawJournal _journal = new(store);
    private readonly DeadLetters _deadLetters = new(store);
    private readonly ArticleStore _articles = new(store);

    /// <param name="Normalized">What normalizing and merging did (articles, failures, storage errors).</param>
    /// <param name="Skipped">True when another sweep held the lease and this one did nothing.</param>
    public sealed record SweepResult(ReconcileStatus Status, Pipeline.NormalizeResult Normalized, bool Skipped = false);

    public TimeSpan GracePeriod => gracePeriod;

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        IBlobLease? lease;
        try
        {
            lease = await store.TryAcquireLeaseAsync(Containers.State, LeaseName, LeaseDuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(new ReconcileStatus { LastRun = started }, e);
        }
        if (lease is null)
        {
            _logger.LogInformation("Another reconciliation sweep is running; this one does nothing");
            return new SweepResult(new ReconcileStatus { LastRun = started }, new Pipeline.NormalizeResult(0, 0), Skipped: true);
        }
        // Unreleased, the lease only keeps the next sweep waiting until it expires; a sweep that runs longer than
        // the lease may meet another one, which is harmless.
        await using (lease.ConfigureAwait(false))
            return await SweepLockedAsync(started, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SweepResult> SweepLockedAsync(DateTimeOffset started, CancellationToken cancellationToken)
    {
        ReconcileStatus? previous = null;
        var status = new ReconcileStatus { LastRun = started, JournalSince = started };
        try
        {
            previous = await ReconcileStatus.ReadAsync(store, cancellationToken).ConfigureAwait(false);
            status = status with { JournalSince = previous?.JournalSince ?? started, TotalArticles = previous?.TotalArticles ?? 0 };
            var work = new HashSet<string>(StringComparer.Ordinal);

            if (previous is null)
            {
                // A store from before the journal (or a new one, where this is cheap): list everything, once.
                var unprocessed = await new RawItemProcessor(store, _ => null).FindUnprocessedAsync(cancellationToken).ConfigureAwait(false);
                work.UnionWith(unprocessed);
                if (unprocessed.Count > 0)
                    _logger.LogWarning("First reconciliation of this store: {Count} raw items found without a current article by a full listing", unprocessed.Count);
            }

            var entries = await _journal.ReadDueAsync(started - gracePeriod, cancellationToken).ConfigureAwait(false);
            var missed = 0;
            foreach (var (_, entry) in entries)
                foreach (var rawName in entry?.RawNames ?? [])
                    if (BlobNames.IsSafe(rawName) && !work.Contains(rawName) && await LacksArticleAsync(rawName, entry!.FetchedAt, cancellationToken).ConfigureAwait(false))
                    {
                        work.Add(rawName);
                        missed++;
                    }

            var letters = await _deadLetters.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            foreach (var letter in letters) work.UnionWith(letter.RawNames);

            var pendingNotes = 0;
            await foreach (var _ in store.ListAsync(Containers.State, PendingMerges.Prefix, cancellationToken).ConfigureAwait(false)) pendingNotes++;

            status = status with
            {
                Missed = missed,
                DeadLetterEvents = letters.Sum(l => l.Events),
                PendingMerges = pendingNotes,
            };
            var normalized = await pipeline.NormalizeAsync([.. work], cancellationToken).ConfigureAwait(false);
            status = status with { Articles = normalized.Articles, Failed = normalized.Failed, TotalArticles = status.TotalArticles + normalized.Articles };
            if (normalized.StorageError is not null)
                return await FinishAsync(status with { Error = normalized.StorageError }, normalized, record: previous is not null, cancellationToken).ConfigureAwait(false);

            if (normalized.Failed > 0)
            {
                // Items that failed but are not poisoned yet must come back: the in-process retry dies with the
                // process (a Functions instance is recycled at will), so they go back into the journal.
                await _journal.WriteAsync("carried", work, fetchedAt: null, started - gracePeriod, cancellationToken).ConfigureAwait(false);
            }
            await _journal.DeleteAsync(entries.Select(e => e.Name), cancellationToken).ConfigureAwait(false);
            foreach (var letter in letters)
                await _deadLetters.DeleteAsync(letter.Name, cancellationToken).ConfigureAwait(false);
            status = status with { DeadLetterBlobs = letters.Count };

            if (work.Count + letters.Count + pendingNotes + normalized.Articles > 0)
                _logger.LogWarning(
                    "Reconciliation recovered {Articles} articles: {Missed} raw items had no article after {Grace}, {Events} dead-lettered events in {Letters} blobs, {Pending} interrupted index merges; {Failed} failed",
                    normalized.Articles, missed, gracePeriod, status.DeadLetterEvents, letters.Count, pendingNotes, normalized.Failed);
            else // the usual outcome, every few minutes: /api/health shows the last sweep, so the log need not
                _logger.LogDebug("Reconciliation found nothing missing ({Entries} journal entries checked)", entries.Count);
            return await FinishAsync(status, normalized, record: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var failed = Failed(status, e);
            return await FinishAsync(failed.Status, failed.Normalized, record: previous is not null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the raw item still needs normalizing: no article, or an article from an earlier fetch than the poll
    /// that journaled this item (an edit not applied). One article read; the raw blob is not read.
    /// </summary>
    private async Task<bool> LacksArticleAsync(string rawName, DateTimeOffset? fetchedAt, CancellationToken cancellationToken)
    {
        var file = rawName[(rawName.LastIndexOf('/') + 1)..];
        var (article, _) = await _articles.ReadAsync(file.Split('.')[0], cancellationToken).ConfigureAwait(false);
        if (article is null) return true;
        return fetchedAt is { } polled && (article.FetchedAt ?? article.FirstSeen) < polled;
    }

    /// <param name="record">
    /// False while the one-time full listing has not succeeded: the status blob is what says it did, so a first sweep
    /// that storage interrupted leaves none and the next one lists again.
    /// </param>
    private async Task<SweepResult> FinishAsync(ReconcileStatus status, Pipeline.NormalizeResult normalized, bool record, CancellationToken cancellationToken)
    {
        if (!record) return new SweepResult(status, normalized);
        try
        {
            await status.WriteAsync(store, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Could not record the reconciliation's status: {Error}", e.Message);
        }
        return new SweepResult(status, normalized);
    }

    private SweepResult Failed(ReconcileStatus status, Exception e)
    {
        // Storage is down: nothing was deleted, so the next sweep finds the same work again.
        _logger.LogError("Reconciliation could not finish; storage failed: {Error}", e.Message);
        return new SweepResult(status with { Error = e.Message }, new Pipeline.NormalizeResult(0, 0) { StorageError = e.Message });
    }
}
