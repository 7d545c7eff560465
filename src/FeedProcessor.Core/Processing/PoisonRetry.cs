using FeedProcessor.Core.Storage;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// Gives poison items another chance, once whatever made them fail has been fixed: each leaves the `poison` container
/// with its failure count cleared and is normalized at once by <see cref="Pipeline.NormalizeAsync"/>, exactly as a
/// new item would be, so it reaches the articles and the index (or, failing again, is counted and retried as usual,
/// and after <see cref="PoisonStore.MaxAttempts"/> failures is poison again). The raw blob is not rewritten: on Azure
/// that would only fire a second, redundant Event Grid delivery.
/// </summary>
public sealed class PoisonRetry(IBlobStore store, PoisonStore poison, Pipeline pipeline)
{
    public enum Result
    {
        /// <summary>Normalized: the article is stored and in the index.</summary>
        Normalized,
        /// <summary>It failed again; see the log. It stays in `raw` and is retried, or is poison again.</summary>
        FailedAgain,
        /// <summary>Its raw blob no longer exists (the retention rule deleted it); only the record was removed.</summary>
        RawGone,
        /// <summary>Storage failed before it was normalized; it is out of poison and the next run or sweep normalizes it.</summary>
        Deferred,
    }

    public sealed record Outcome(string RawName, Result Result);

    /// <summary>Requeues and normalizes the given poison items (names as listed by <see cref="PoisonStore.ListAsync"/>).</summary>
    public async Task<(IReadOnlyList<Outcome> Outcomes, string? StorageError)> RetryAsync(IReadOnlyList<string> rawNames, CancellationToken cancellationToken = default)
    {
        var gone = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in rawNames)
        {
            if (await store.ReadAsync(Containers.Raw, name, cancellationToken).ConfigureAwait(false) is null) gone.Add(name);
            await poison.RequeueAsync(name, cancellationToken).ConfigureAwait(false);
        }
        var normalized = await pipeline.NormalizeAsync([.. rawNames.Where(name => !gone.Contains(name))], cancellationToken).ConfigureAwait(false);

        var outcomes = new List<Outcome>(rawNames.Count);
        foreach (var name in rawNames)
        {
            var result = gone.Contains(name) ? Result.RawGone
                : await poison.IsPoisonedAsync(name, cancellationToken).ConfigureAwait(false) || await poison.FailedAttemptsAsync(name, cancellationToken).ConfigureAwait(false) > 0 ? Result.FailedAgain
                : normalized.StorageError is not null ? Result.Deferred
                : Result.Normalized;
            outcomes.Add(new Outcome(name, result));
        }
        return (outcomes, normalized.StorageError);
    }
}
