using System.Collections.Concurrent;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// The whole job in one process (`feedproc run` and `poll --once`): poll every source, normalize what is new in
/// parallel, and merge the articles into the feed index in batches. The Functions app runs the same pieces
/// separately: the timer polls, and Event Grid hands each raw blob to the normalizer.
/// </summary>
public sealed class Pipeline
{
    private const int IndexBatchSize = 500;
    private readonly PollCycle _poll;
    private readonly PoisonStore _poison;
    private readonly RawItemProcessor _normalizer;
    private readonly FeedIndexStore _index;
    private readonly ILogger _logger;

    public Pipeline(IBlobStore store, FeedFetcher fetcher, FeedIndexStore index, Func<string, SourceDefinition?> findSource, ILogger? logger = null)
    {
        _poison = new PoisonStore(store);
        _logger = logger ?? NullLogger.Instance;
        _poll = new PollCycle(store, fetcher, _logger);
        _normalizer = new RawItemProcessor(store, findSource, _logger);
        _index = index;
    }

    public sealed record CycleResult(IReadOnlyList<SourcePollReport> Sources, NormalizeResult Normalized);

    public sealed record NormalizeResult(int Articles, int Failed);

    public async Task<CycleResult> RunCycleAsync(IReadOnlyList<SourceDefinition> sources, Action<SourcePollReport>? onSourceDone = null,
        CancellationToken cancellationToken = default)
    {
        var reports = await _poll.RunAsync(sources, onSourceDone, cancellationToken).ConfigureAwait(false);
        var normalized = await NormalizeAsync(reports.SelectMany(r => r.RawBlobs).ToList(), cancellationToken).ConfigureAwait(false);
        return new CycleResult(reports, normalized);
    }

    /// <summary>Normalizes raw blobs left without an article, e.g. by a crash between polling and normalizing.</summary>
    public async Task<NormalizeResult> CatchUpAsync(CancellationToken cancellationToken = default)
    {
        var poisoned = await _poison.ListNamesAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await _normalizer.FindUnprocessedAsync(cancellationToken).ConfigureAwait(false)).Where(name => !poisoned.Contains(name)).ToList();
        if (pending.Count > 0) _logger.LogInformation("Normalizing {Count} raw items left from an earlier run", pending.Count);
        return await NormalizeAsync(pending, cancellationToken).ConfigureAwait(false);
    }

    public async Task<NormalizeResult> NormalizeAsync(IReadOnlyList<string> rawNames, CancellationToken cancellationToken = default)
    {
        var articles = new ConcurrentBag<Article>();
        var failed = 0;
        await Parallel.ForEachAsync(rawNames,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 2, CancellationToken = cancellationToken },
            async (name, ct) =>
            {
                try
                {
                    if (await _normalizer.ProcessAsync(name, ct).ConfigureAwait(false) is { } article) articles.Add(article);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    await RecordFailureAsync(name, e, _poison, _logger, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

        // One index write per batch, not per article: far fewer blob transactions and conflicts.
        foreach (var batch in articles.Chunk(IndexBatchSize))
            await _index.MergeAsync(batch, cancellationToken).ConfigureAwait(false);
        return new NormalizeResult(articles.Count, failed);
    }

    /// <summary>
    /// Counts a failed normalization: retried (on the next start, or by the host's redelivery) until it has failed
    /// <see cref="PoisonStore.MaxAttempts"/> times, then set aside in `poison` with the reason. Never throws for a
    /// storage problem while recording, so one bad blob never stops the others.
    /// </summary>
    public static async Task<bool> RecordFailureAsync(string rawName, Exception error, PoisonStore poison, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (await poison.RecordFailureAsync(rawName, $"{error.GetType().Name}: {error.Message}", cancellationToken).ConfigureAwait(false))
            {
                logger.LogError(error, "Raw item {RawName} failed {Attempts} times and was moved to the poison container", rawName, PoisonStore.MaxAttempts);
                return true;
            }
            logger.LogWarning(error, "Could not normalize raw item {RawName}; it stays in raw and is retried", rawName);
        }
        catch (Exception recordError) when (recordError is not OperationCanceledException)
        {
            logger.LogError(error, "Could not normalize raw item {RawName}, nor record the failure ({RecordError})", rawName, recordError.Message);
        }
        return false;
    }
}
