using System.Diagnostics;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Fetching.Safety;
using FeedProcessor.Core.Normalizing.Identity;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Parsing.Html;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// One poll of every source: fetch, parse, write each new item as a raw blob, and only then advance the
/// source's state, so that a crash mid-cycle re-fetches rather than loses. Sources are polled in parallel
/// (the fetcher limits concurrency per host and in total); one failing source never stops the others.
/// </summary>
public sealed class PollCycle(IBlobStore store, FeedFetcher fetcher, ILogger? logger = null)
{
    /// <summary>Short (Azure's minimum), and renewed while a poll runs, so a crashed holder blocks a source briefly.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);

    /// <summary>How stale the stored poll times may get when nothing else about a source changes.</summary>
    public static readonly TimeSpan PollTimesRefreshInterval = TimeSpan.FromHours(1);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly SourceStateStore _states = new(store);
    private readonly RawJournal _journal = new(store);

    public async Task<IReadOnlyList<SourcePollReport>> RunAsync(IReadOnlyList<SourceDefinition> sources,
        Action<SourcePollReport>? onSourceDone = null, CancellationToken cancellationToken = default)
    {
        var reports = new SourcePollReport[sources.Count];
        // The budget bounds the whole cycle, so one slow server never delays the next cycle indefinitely;
        // sources it cuts short are reported and polled again next cycle.
        using var budget = fetcher.CreateCycleBudget(cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, fetcher.Options.TotalConcurrency), CancellationToken = cancellationToken },
            async (i, _) =>
            {
                var report = await PollSourceAsync(sources[i], budget.Token, cancellationToken).ConfigureAwait(false);
                reports[i] = report;
                onSourceDone?.Invoke(report);
            }).ConfigureAwait(false);
        return reports;
    }

    public Task<SourcePollReport> PollSourceAsync(SourceDefinition source, CancellationToken cancellationToken) =>
        PollSourceAsync(source, cancellationToken, cancellationToken);

    private async Task<SourcePollReport> PollSourceAsync(SourceDefinition source, CancellationToken budget, CancellationToken stopping)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var lease = await _states.TryLockAsync(source.Id, LeaseDuration, budget).ConfigureAwait(false);
            if (lease is null)
                return new SourcePollReport { SourceId = source.Id, Status = "busy", Elapsed = clock.Elapsed, Error = "Another host is polling this source right now." };
            using var polled = new CancellationTokenSource();
            var renewing = KeepRenewedAsync(lease, source.Id, polled.Token);
            try
            {
                return await PollLockedSourceAsync(source, clock, budget).ConfigureAwait(false);
            }
            finally
            {
                await polled.CancelAsync().ConfigureAwait(false);
                await renewing.ConfigureAwait(false);
                await ReleaseAsync(lease, source.Id).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            return new SourcePollReport
            {
                SourceId = source.Id, Status = "failed", Elapsed = clock.Elapsed,
                Error = $"The poll cycle's time budget ({fetcher.Options.CycleBudget}) ran out before this source finished; it is polled again next cycle.",
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !budget.IsCancellationRequested)
        {
            // Storage down (its client's timeouts included) or a bug: this source's state is not advanced, so its items are fetched again next cycle.
            _logger.LogError(e, "Polling {SourceId} failed; its state was not advanced and the next cycle retries it", source.Id);
            return new SourcePollReport { SourceId = source.Id, Status = "failed", Elapsed = clock.Elapsed, Error = e.Message };
        }
    }

    /// <summary>
    /// A lease that cannot be released expires by itself; a failed release must not turn a finished poll (its items
    /// stored and acknowledged) into a failed one whose items nobody normalizes.
    /// </summary>
    private async Task ReleaseAsync(IBlobLease lease, string sourceId)
    {
        try
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _logger.LogWarning("{SourceId}: the poll lease could not be released; it expires within {Duration}: {Error}", sourceId, LeaseDuration, e.Message);
        }
    }

    /// <summary>
    /// Renews the lease while a long poll (an HTML source's article pages) runs, so the lease can stay short:
    /// a crashed holder blocks the source for at most <see cref="LeaseDuration"/>.
    /// </summary>
    private async Task KeepRenewedAsync(IBlobLease lease, string sourceId, CancellationToken polled)
    {
        try
        {
            while (true)
            {
                await Task.Delay(LeaseDuration / 3, polled).ConfigureAwait(false);
                if (!await lease.RenewAsync(polled).ConfigureAwait(false))
                    _logger.LogWarning("{SourceId}: the poll lease could not be renewed; another host may poll it too", sourceId);
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e)
        {
            _logger.LogWarning("{SourceId}: renewing the poll lease failed: {Error}", sourceId, e.Message);
        }
    }

    private async Task<SourcePollReport> PollLockedSourceAsync(SourceDefinition source, Stopwatch clock, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var state = await _states.ReadAsync(source.Id, cancellationToken).ConfigureAwait(false);
        var result = await fetcher.FetchAsync(source, state, now, cancellationToken).ConfigureAwait(false);
        if (result.Outcome != FetchOutcome.Fetched)
        {
            if (result.Outcome != FetchOutcome.Skipped)
                await WriteStateIfChangedAsync(state, result.NewState, cancellationToken).ConfigureAwait(false);
            return Report(source, result.Outcome switch
            {
                FetchOutcome.NotModified => "not-modified",
                FetchOutcome.Skipped => "skipped",
                _ => "failed",
            }, result.NewState, clock, error: result.Error);
        }

        ParsedFeed feed;
        var pages = PageFetchResult.None;
        try
        {
            if (source.Kind == SourceKind.Html)
            {
                pages = await FetchArticlePagesAsync(source, result, cancellationToken).ConfigureAwait(false);
                feed = new ParsedFeed { Format = FeedFormats.Html, Entries = pages.Entries };
            }
            else
            {
                feed = FeedParser.Parse(result.Body ?? [], new ParseOptions { ContentType = result.ContentType, DocumentUrl = result.FinalUrl ?? source.Url, Kind = source.Kind });
            }
        }
        catch (FeedParseException e)
        {
            var failed = fetcher.AfterParseFailure(result, FetchErrorKind.ParseError, e.Message, now);
            await _states.WriteAsync(failed, cancellationToken).ConfigureAwait(false);
            return Report(source, "failed", failed, clock, error: e.Message);
        }

        var written = await WriteNewItemsAsync(source, feed, result, now, cancellationToken).ConfigureAwait(false);
        List<string> rawBlobs = [.. written.New, .. written.Unfinished];
        // Journaled before the state moves on: whatever happens to the deliveries of these blobs, the reconciliation
        // sweep finds them (a failed journal write fails the poll, and the items are fetched and journaled again).
        var journalEntry = rawBlobs.Count == 0 ? null
            : await _journal.WriteAsync(source.Id, rawBlobs, now, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
        var next = fetcher.AfterParse(result.NewState, feed.TtlMinutes, now);
        next.ArticleCount += written.New.Count;
        next.RememberItems(source.Kind == SourceKind.Html ? pages.PageKeys : written.Keys);
        try
        {
            await WriteStateIfChangedAsync(state, next, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A storage client's own timeout is an OperationCanceledException too; only our token means "stop".
            // The write may have landed even though its answer was lost (storage going down mid-request): then the
            // next poll takes these items for seen. So they are handed on for normalizing all the same.
            _logger.LogError(e, "{SourceId}: its items are stored but its state could not be saved; they are normalized anyway and fetched again next cycle", source.Id);
            return Report(source, "failed", next, clock, written.New.Count, error: e.Message, rawBlobs: rawBlobs, journalEntry: journalEntry);
        }
        foreach (var warning in feed.Warnings)
            _logger.LogWarning("{SourceId}: {Warning}", source.Id, warning);
        return Report(source, "fetched", next, clock, written.New.Count, written.Unchanged + pages.KnownPages, pages.Failed, rawBlobs: rawBlobs, journalEntry: journalEntry);
    }

    /// <summary>
    /// A poll that found nothing new changes only the poll times; writing them every cycle would be one billed blob
    /// write per source per cycle. They are written when anything else changed, or once per
    /// <see cref="PollTimesRefreshInterval"/> so that /api/sources stays roughly current.
    /// </summary>
    private async Task WriteStateIfChangedAsync(SourceFetchState stored, SourceFetchState next, CancellationToken cancellationToken)
    {
        if (next.LastPolled - stored.LastPolled < PollTimesRefreshInterval && SameApartFromPollTimes(stored, next)) return;
        await _states.WriteAsync(next, cancellationToken).ConfigureAwait(false);
    }

    private static bool SameApartFromPollTimes(SourceFetchState a, SourceFetchState b)
    {
        static byte[] WithoutPollTimes(SourceFetchState state)
        {
            var copy = state.Clone();
            copy.LastPolled = copy.LastSuccess = null;
            return StoredJson.Serialize(copy);
        }
        return WithoutPollTimes(a).AsSpan().SequenceEqual(WithoutPollTimes(b));
    }

    private sealed record PageFetchResult(List<ParsedEntry> Entries, int KnownPages, int Failed, List<string> PageKeys)
    {
        public static PageFetchResult None => new([], 0, 0, []);
    }

    /// <summary>
    /// A site without a feed: the list page gives links to articles; each article page not seen before is fetched
    /// once and read like a feed item. A page that fails is not remembered, so it is tried again next cycle.
    /// </summary>
    private async Task<PageFetchResult> FetchArticlePagesAsync(SourceDefinition source, FetchResult listPage, CancellationToken cancellationToken)
    {
        var pageUrl = listPage.FinalUrl ?? source.Url;
        var links = HtmlListPage.ExtractLinks(listPage.Body ?? [], listPage.ContentType, pageUrl, source.Html!.ItemLinks);
        if (links.Count == 0)
            throw new FeedParseException($"The list page has no links matching \"{source.Html.ItemLinks}\"; check the source's html.itemLinks selector.");
        var seen = listPage.NewState.SeenItemKeys.ToHashSet(StringComparer.Ordinal);
        var entries = new List<ParsedEntry>();
        var keys = new List<string>();
        int known = 0, failed = 0;
        foreach (var link in links.Take(MaxArticlePagesPerPoll))
        {
            var key = PageKey(link);
            if (seen.Contains(key)) { known++; keys.Add(key); continue; }
            var page = await fetcher.FetchPageAsync(link, cancellationToken).ConfigureAwait(false);
            if (page.Outcome != FetchOutcome.Fetched)
            {
                failed++;
                _logger.LogWarning("{SourceId}: article page {Url} failed: {Error}", source.Id, UrlRedactor.Redact(link), page.Error);
                continue;
            }
            try
            {
                var article = FeedParser.Parse(page.Body ?? [], new ParseOptions
                {
                    ContentType = page.ContentType, DocumentUrl = page.FinalUrl ?? link, Kind = SourceKind.Html, Html = source.Html,
                });
                foreach (var entry in article.Entries)
                {
                    entry.Link ??= link.AbsoluteUri;
                    entries.Add(entry);
                }
                keys.Add(key);
            }
            catch (FeedParseException e)
            {
                failed++;
                _logger.LogWarning("{SourceId}: article page {Url} could not be read: {Error}", source.Id, UrlRedactor.Redact(link), e.Message);
            }
        }
        return new PageFetchResult(entries, known, failed, keys);
    }

    /// <summary>Bounds the work one list page can cause; the rest is fetched on later polls.</summary>
    private const int MaxArticlePagesPerPoll = 30;

    private static string PageKey(Uri link) => "page:" + Hashes.Short(link.AbsoluteUri);

    private async Task<(List<string> New, int Unchanged, List<string> Keys, List<string> Unfinished)> WriteNewItemsAsync(SourceDefinition source, ParsedFeed feed,
        FetchResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArticleIdentity.DropRepeatedGuids(feed.Entries);
        var seen = result.NewState.SeenItemKeys.ToHashSet(StringComparer.Ordinal);
        var written = new List<string>();
        var pending = new List<string>();
        var keys = new List<string>(feed.Entries.Count);
        var unchanged = 0;
        foreach (var entry in feed.Entries)
        {
            var key = $"{ArticleIdentity.Compute(source.Id, entry)}.{EntryHash(entry)}";
            keys.Add(key);
            if (seen.Contains(key)) { unchanged++; continue; }
            var raw = new RawItem
            {
                SourceId = source.Id,
                SourceTitle = source.Title,
                SourceUrl = (result.FinalUrl ?? source.Url).ToString(),
                SourceLanguage = source.Language,
                TimeZone = source.TimeZone,
                Format = feed.Format,
                FeedLanguage = feed.Language,
                FetchedAt = now,
                Entry = entry,
            };
            var name = $"{source.Id}/{key}.json";
            // IfNotExists: a re-fetch after a crash finds the blob there and writes nothing twice.
            var etag = await store.WriteAsync(Containers.Raw, name, StoredJson.Serialize(raw), WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false);
            if (etag is null)
            {
                // Written by a poll that failed or died before the state moved on: hand it to the normalizer
                // again (idempotent), since nothing else will.
                unchanged++;
                pending.Add(name);
            }
            else written.Add(name);
        }
        return (written, unchanged, keys, pending);
    }

    /// <summary>Changes when the source edits the item, so an edited item is stored again and marked updated.</summary>
    private static string EntryHash(ParsedEntry entry) =>
        Hashes.Short(entry.Title, entry.Link, entry.Published, entry.Updated, entry.SummaryHtml, entry.ContentHtml)[..8];

    private static SourcePollReport Report(SourceDefinition source, string status, SourceFetchState state, Stopwatch clock,
        int @new = 0, int unchanged = 0, int failed = 0, string? error = null, IReadOnlyList<string>? rawBlobs = null, string? journalEntry = null) => new()
    {
        SourceId = source.Id,
        Status = status,
        New = @new,
        Unchanged = unchanged,
        Failed = failed,
        Elapsed = clock.Elapsed,
        Error = error,
        State = state,
        RawBlobs = rawBlobs ?? [],
        JournalEntry = journalEntry,
    };
}
