using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Normalizing.Duplicates;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// Adds articles to the index: the one seam every writer (the pipeline, the Functions normalizer, the rebuild)
/// goes through. Each article costs a bounded number of index operations, whatever the archive holds: a look-up
/// of its id, a read of its neighbours in time and of the entries sharing its URL or title, and the writes of its own
/// entry (or of the story it joins).
/// A known id is replaced by its newer version (keeping when it was first seen); a new article that tells the same
/// story as a neighbour from another source is folded into the earlier of the two, which records the other source
/// in <see cref="Article.AlsoPublishedBy"/>. Articles older than the retention are not indexed.
/// Two writers adding the same story on different machines at the same moment may both keep their copy; each
/// batch is matched within itself first, so one writer never does.
/// </summary>
public sealed class ArticleIndexer(IArticleIndex index, Retention? retention = null, Func<StoryFingerprint, StoryFingerprint, bool>? isSameStory = null)
{
    /// <summary>
    /// How many neighbours in time a newcomer is compared with by text (SimHash and numbers). On a day of 200,000
    /// articles that is the couple of minutes around it; copies that share a canonical URL or a title are looked up by
    /// key instead, across the whole <see cref="StoryMatchSpan"/>.
    /// </summary>
    public const int StoryMatchWindow = 256;

    /// <summary>How many entries sharing a key a newcomer is compared with: a title repeated by one source every day fills a few.</summary>
    public const int StoryKeyMatches = 32;

    /// <summary>How far apart in time two copies of one story may be: agencies republish a release within hours.</summary>
    public static readonly TimeSpan StoryMatchSpan = TimeSpan.FromHours(24);

    private const int Parallelism = 8;
    private readonly Retention _retention = retention ?? Retention.Default;
    private readonly Func<StoryFingerprint, StoryFingerprint, bool> _isSameStory = isSameStory ?? StoryMatcher.IsSameStory;

    public IArticleIndex Index => index;

    /// <summary>Adds (or updates) the articles; returns once every one is in the index, or throws what kept one out.</summary>
    public async Task AddAsync(IReadOnlyCollection<Article> articles, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var cutoff = _retention.Cutoff;
        var entries = articles.Where(a => a is not null).Select(IndexEntry.From).Where(e => e.SortTime >= cutoff).ToList();
        if (entries.Count == 0) return;
        // Copies of one story, or versions of one article, in the same batch go through one writer in order, so
        // they fold together as they would arriving one by one; the rest are added in parallel.
        await Parallel.ForEachAsync(GroupRelated(entries), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (group, ct) =>
            {
                foreach (var entry in group) await AddOneAsync(entry, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private async Task AddOneAsync(IndexEntry entry, CancellationToken cancellationToken)
    {
        var known = await index.FindAsync(entry.Id, cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            if (IsStale(entry, known)) return;
            await index.PutAsync(entry with
            {
                FirstSeen = known.FirstSeen <= entry.FirstSeen ? known.FirstSeen : entry.FirstSeen,
                AlsoPublishedBy = AddSources(entry.AlsoPublishedBy, known.AlsoPublishedBy, entry.SourceId),
            }, known, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Copies with the same page or title are looked up by key across the whole span; other rewordings are found
        // among the nearest neighbours in time.
        var keyed = entry.Story.ExactKeys.Count > 0
            ? index.SharingKeysAsync(entry.Story, entry.SortTime, StoryMatchSpan, StoryKeyMatches, cancellationToken)
            : Task.FromResult<IReadOnlyList<IndexEntry>>([]);
        var near = index.NearAsync(entry.SortTime, StoryMatchSpan, StoryMatchWindow, cancellationToken);
        var candidates = (await keyed.ConfigureAwait(false)).Concat(await near.ConfigureAwait(false));
        var story = candidates.FirstOrDefault(candidate =>
            !string.Equals(candidate.SourceId, entry.SourceId, StringComparison.Ordinal) && candidate.Id != entry.Id && _isSameStory(candidate.Story, entry.Story));
        if (story is null)
        {
            await index.PutAsync(entry, null, cancellationToken).ConfigureAwait(false);
        }
        else if (entry.SortTime < story.SortTime)
        {
            // The newcomer published first: it becomes the story, the known one its echo.
            await index.PutAsync(entry with { AlsoPublishedBy = AddSources(entry.AlsoPublishedBy, [story.SourceId, .. story.AlsoPublishedBy], entry.SourceId) },
                null, cancellationToken).ConfigureAwait(false);
            await index.RemoveAsync(story, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var sources = AddSources(story.AlsoPublishedBy, [entry.SourceId, .. entry.AlsoPublishedBy], story.SourceId);
            if (sources.Count != story.AlsoPublishedBy.Count)
                await index.PutAsync(story with { AlsoPublishedBy = sources }, story, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Groups the entries that share an id or tell the same story, keeping the batch's order within a group.</summary>
    private List<List<IndexEntry>> GroupRelated(List<IndexEntry> entries)
    {
        var parent = Enumerable.Range(0, entries.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        for (var i = 0; i < entries.Count; i++)
            for (var j = i + 1; j < entries.Count; j++)
                if (entries[i].Id == entries[j].Id ||
                    (entries[i].SourceId != entries[j].SourceId && (entries[i].SortTime - entries[j].SortTime).Duration() <= StoryMatchSpan
                     && _isSameStory(entries[i].Story, entries[j].Story)))
                    parent[Find(j)] = Find(i);
        return [.. entries.Select((entry, i) => (entry, root: Find(i))).GroupBy(x => x.root).Select(g => g.Select(x => x.entry).ToList())];
    }

    /// <summary>A version is stale only when both carry an update time and it is the older one.</summary>
    private static bool IsStale(IndexEntry candidate, IndexEntry known) =>
        candidate.Updated is { } candidateUpdated && known.Updated is { } knownUpdated && candidateUpdated < knownUpdated;

    private static List<string> AddSources(IEnumerable<string> existing, IEnumerable<string> sources, string ownSourceId)
    {
        var result = existing.ToList();
        foreach (var source in sources)
            if (!string.Equals(source, ownSourceId, StringComparison.Ordinal) && !result.Contains(source, StringComparer.Ordinal))
                result.Add(source);
        return result;
    }
}
