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
    private readonly IBlobStore _store;
    private readonly PollCycle _poll;
    private readonly RawItemProcessor _normalizer;
    private readonly FeedIndexStore _index;
    private readonly ILogger _logger;

    public Pipeline(IBlobStore store, FeedFetcher fetcher, FeedIndexStore index, Func<string, SourceDefinition?> findSource, ILogger? logger = null)
    {
        _store = store;
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
        var pending = await _normalizer.FindUnprocessedAsync(cancellationToken).ConfigureAwait(false);
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
                    _logger.LogError(e, "Could not normalize raw item {RawName}; it stays in raw and is retried on the next start", name);
                }
            }).ConfigureAwait(false);

        foreach (var batch in articles.Chunk(IndexBatchSize))
            await _index.MergeAsync(batch, cancellationToken).ConfigureAwait(false);
        return new NormalizeResult(articles.Count, failed);
    }
}
