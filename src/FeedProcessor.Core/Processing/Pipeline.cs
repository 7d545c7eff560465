using System.Collections.Concurrent;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// The whole job in one process (`feedproc run` and `poll --once`): poll every source, normalize what is new in
/// parallel, and add the articles to the article index in batches (<see cref="ArticleIndexer"/>). The Functions app runs the same pieces
/// separately: the timer polls, and Event Grid hands each raw blob to the normalizer.
/// Nothing is lost when storage fails or the process dies mid-cycle: raw items are written before the source's
/// state moves on, a <see cref="PendingMerges"/> note covers articles stored but not yet merged, and work an outage
/// interrupted is kept and retried on the next cycle. A cycle never throws for a storage failure.
/// </summary>
public sealed class Pipeline
{
    private const int IndexBatchSize = 500;
    private readonly PollCycle _poll;
    private readonly PoisonStore _poison;
    private readonly PendingMerges _pending;
    private readonly RawItemProcessor _normalizer;
    private readonly ArticleIndexer _index;
    private readonly Reconciler _reconciler;
    private readonly RawJournal _journal;
    private readonly ILogger _logger;
    /// <summary>Raw items whose normalizing or merging an outage interrupted in this process; retried next cycle.</summary>
    private readonly ConcurrentDictionary<string, byte> _retry = new(StringComparer.Ordinal);

    public Pipeline(IBlobStore store, FeedFetcher fetcher, ArticleIndexer index, Func<string, SourceDefinition?> findSource, ILogger? logger = null)
    {
        _poison = new PoisonStore(store);
        _pending = new PendingMerges(store);
        _logger = logger ?? NullLogger.Instance;
        _poll = new PollCycle(store, fetcher, _logger);
        _normalizer = new RawItemProcessor(store, findSource, _logger);
        _index = index;
        _journal = new RawJournal(store);
        _reconciler = new Reconciler(store, this, TimeSpan.Zero, _logger);
    }

    /// <param name="PollTime">Fetching every source and writing raw items.</param>
    /// <param name="NormalizeTime">Normalizing the new items and merging them into the index.</param>
    public sealed record CycleResult(IReadOnlyList<SourcePollReport> Sources, NormalizeResult Normalized, TimeSpan PollTime, TimeSpan NormalizeTime);

    /// <param name="Articles">Articles stored and merged into the index.</param>
    /// <param name="Failed">Raw items that could not be normalized (counted towards poisoning).</param>
    public sealed record NormalizeResult(int Articles, int Failed)
    {
        /// <summary>Raw items left for the next cycle because storage failed; not the items' fault.</summary>
        public int Deferred { get; init; }
        /// <summary>What failed in storage, when something did.</summary>
        public string? StorageError { get; init; }
    }

    public async Task<CycleResult> RunCycleAsync(IReadOnlyList<SourceDefinition> sources, Action<SourcePollReport>? onSourceDone = null,
        CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var reports = await _poll.RunAsync(sources, onSourceDone, cancellationToken).ConfigureAwait(false);
        var pollTime = clock.Elapsed;
        var normalized = await NormalizeAsync(reports.SelectMany(r => r.RawBlobs).ToList(), cancellationToken).ConfigureAwait(false);
        if (normalized is { StorageError: null, Failed: 0 })
        {
            // This cycle reconciled its own items: their journal entries need no sweep (one left behind costs a sweep
            // an article read per item, nothing more).
            try { await _journal.DeleteAsync(reports.Select(r => r.JournalEntry).OfType<string>(), cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (IsStorageFailure(e, cancellationToken)) { }
        }
        return new CycleResult(reports, normalized, pollTime, clock.Elapsed - pollTime);
    }

    /// <summary>
    /// Normalizes raw items left without an article (by a crash between polling and normalizing, or in Azure by a
    /// delivery Event Grid missed), dead-lettered events and interrupted merges: the reconciliation sweep
    /// (<see cref="Reconciler"/>) with no grace period, as at the start of `feedproc` and between its cycles.
    /// </summary>
    public async Task<NormalizeResult> CatchUpAsync(CancellationToken cancellationToken = default) =>
        (await _reconciler.SweepAsync(cancellationToken).ConfigureAwait(false)).Normalized;

    /// <summary>
    /// Normalizes the raw blobs, together with whatever an earlier cycle left unfinished (notes of interrupted
    /// merges, items an outage interrupted), and merges the articles into the index.
    /// </summary>
    public async Task<NormalizeResult> NormalizeAsync(IReadOnlyList<string> rawNames, CancellationToken cancellationToken = default)
    {
        var work = new HashSet<string>(rawNames, StringComparer.Ordinal);
        work.UnionWith(_retry.Keys);
        List<string> notes;
        try
        {
            (notes, var noted) = await _pending.ReadAllAsync(cancellationToken).ConfigureAwait(false);
            work.UnionWith(noted);
            if (work.Count == 0) return new NormalizeResult(0, 0);
            work.ExceptWith(await _poison.ListNamesAsync(cancellationToken).ConfigureAwait(false));
            if (work.Count == 0) { await _pending.DeleteAsync(notes, cancellationToken).ConfigureAwait(false); return new NormalizeResult(0, 0); }
            notes.Add(await _pending.WriteAsync(work, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (IsStorageFailure(e, cancellationToken))
        {
            return Defer(work, e);
        }

        var normalized = new ConcurrentBag<string>();
        var deferred = new ConcurrentBag<string>();
        var unprocessable = new ConcurrentBag<string>();
        var failed = 0;
        Exception? storageError = null;
        // Articles are merged into the index in batches as they are normalized, so a cycle with 20,000 new items
        // holds at most a batch or two of articles, not all of them. Merging twice is harmless (by id), and the
        // note written above brings back every item of the cycle if this process dies before it ends.
        var unmerged = new List<(string RawName, Article Article)>(IndexBatchSize);
        var merged = new ConcurrentBag<string>();
        using var merging = new SemaphoreSlim(1, 1);

        async Task MergeAsync((string RawName, Article Article)[] batch, CancellationToken ct)
        {
            await merging.WaitAsync(ct).ConfigureAwait(false);
            try { await _index.AddAsync([.. batch.Select(b => b.Article)], ct).ConfigureAwait(false); }
            finally { merging.Release(); }
            foreach (var (rawName, _) in batch) merged.Add(rawName);
        }

        (string, Article)[]? TakeIfFull(string rawName, Article article)
        {
            lock (unmerged)
            {
                unmerged.Add((rawName, article));
                if (unmerged.Count < IndexBatchSize) return null;
                var batch = unmerged.ToArray();
                unmerged.Clear();
                return batch;
            }
        }

        // The first storage failure stops the batch: the rest would only wait out the same retries.
        using var outage = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task StopForOutageAsync(Exception e)
        {
            Interlocked.CompareExchange(ref storageError, e, null);
            await outage.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await Parallel.ForEachAsync(work,
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 2, CancellationToken = outage.Token },
                async (name, ct) =>
                {
                    Article? article;
                    try
                    {
                        article = await _normalizer.ProcessAsync(name, ct).ConfigureAwait(false);
                        _retry.TryRemove(name, out _);
                    }
                    catch (UnprocessableRawItemException e)
                    {
                        Interlocked.Increment(ref failed);
                        unprocessable.Add(name);
                        if (!await RecordFailureAsync(name, e, _poison, _logger, cancellationToken).ConfigureAwait(false))
                            _retry[name] = 0;
                        else
                            _retry.TryRemove(name, out _);
                        return;
                    }
                    catch (Exception e) when (IsStorageFailure(e, cancellationToken))
                    {
                        deferred.Add(name);
                        await StopForOutageAsync(e).ConfigureAwait(false);
                        return;
                    }
                    if (article is null) return;
                    normalized.Add(name);
                    if (TakeIfFull(name, article) is not { } batch) return;
                    try
                    {
                        await MergeAsync(batch, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (IsStorageFailure(e, cancellationToken))
                    {
                        foreach (var (rawName, _) in batch) deferred.Add(rawName);
                        await StopForOutageAsync(e).ConfigureAwait(false);
                    }
                }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Stopped by the outage; the items not reached are deferred below.
        }

        if (storageError is null)
        {
            try
            {
                if (unmerged.Count > 0) await MergeAsync([.. unmerged], cancellationToken).ConfigureAwait(false);
                await _pending.DeleteAsync(notes, cancellationToken).ConfigureAwait(false);
                return new NormalizeResult(normalized.Count, failed);
            }
            catch (Exception e) when (IsStorageFailure(e, cancellationToken))
            {
                storageError = e;
            }
        }
        // The notes stay: whatever happens to this process, the next cycle (of any process) merges these again.
        var reached = normalized.Concat(unprocessable).Concat(deferred).ToHashSet(StringComparer.Ordinal);
        var retry = normalized.Concat(deferred).Concat(work.Where(name => !reached.Contains(name))).ToHashSet(StringComparer.Ordinal);
        retry.ExceptWith(merged);
        var result = Defer(retry, storageError);
        return result with { Articles = merged.Count, Failed = failed };
    }

    private NormalizeResult Defer(IEnumerable<string> names, Exception error)
    {
        var count = 0;
        foreach (var name in names) { _retry[name] = 0; count++; }
        _logger.LogError("Storage failed while normalizing; {Count} raw items are kept and retried next cycle: {Error}", count, error.Message);
        return new NormalizeResult(0, 0) { Deferred = count, StorageError = error.Message };
    }

    private static bool IsStorageFailure(Exception e, CancellationToken cancellationToken) =>
        e is not UnprocessableRawItemException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>
    /// Counts a failed normalization: retried (on the next cycle, or by the host's redelivery) until it has failed
    /// <see cref="PoisonStore.MaxAttempts"/> times, then set aside in `poison` with the reason. Never throws for a
    /// storage problem while recording, so one bad blob never stops the others.
    /// </summary>
    public static async Task<bool> RecordFailureAsync(string rawName, Exception error, PoisonStore poison, ILogger logger, CancellationToken cancellationToken)
    {
        var reason = error is UnprocessableRawItemException { InnerException: { } cause } ? $"{cause.GetType().Name}: {cause.Message}" : $"{error.GetType().Name}: {error.Message}";
        try
        {
            if (await poison.RecordFailureAsync(rawName, reason, cancellationToken).ConfigureAwait(false))
            {
                logger.LogError(error, "Raw item {RawName} failed {Attempts} times and was moved to the poison container: {Reason}", rawName, PoisonStore.MaxAttempts, reason);
                return true;
            }
            logger.LogWarning(error, "Could not normalize raw item {RawName}; it stays in raw and is retried: {Reason}", rawName, reason);
        }
        catch (Exception recordError) when (recordError is not OperationCanceledException)
        {
            logger.LogError(error, "Could not normalize raw item {RawName}, nor record the failure ({RecordError})", rawName, recordError.Message);
        }
        return false;
    }
}
