using FeedProcessor.Core.Normalizing.Duplicates;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// The article index the feed is served from: one small entry per retained article, ordered newest first, with
/// range reads by source, language, category and time, so that a filtered feed is complete over the whole archive
/// and a page costs a bounded number of reads. Adding an article writes a few entries of its own; nothing is
/// shared by every writer. Implemented over Azure Table Storage (<see cref="TableArticleIndex"/>) and an embedded
/// SQLite database (<see cref="SqliteArticleIndex"/>); one contract test suite runs against both. Story matching
/// and the order of writes live once, in <see cref="ArticleIndexer"/>.
/// </summary>
public interface IArticleIndex
{
    /// <summary>A short description for logs, without secrets.</summary>
    string Description { get; }

    /// <summary>The entry of an article, or null when the index does not hold it.</summary>
    Task<IndexEntry?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> entries whose sort time lies within <paramref name="span"/> of <paramref name="around"/>: the neighbours a newcomer is compared with.</summary>
    Task<IReadOnlyList<IndexEntry>> NearAsync(DateTimeOffset around, TimeSpan span, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="max"/> entries whose sort time lies within <paramref name="span"/> of <paramref name="around"/>
    /// and that share one of <paramref name="story"/>'s <see cref="StoryFingerprint.ExactKeys"/>: the copies of a story
    /// that <see cref="NearAsync"/> misses on a busy day, when thousands of articles lie between the two.
    /// </summary>
    Task<IReadOnlyList<IndexEntry>> SharingKeysAsync(StoryFingerprint story, DateTimeOffset around, TimeSpan span, int max, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces an entry; <paramref name="previous"/> is what the index held for its id (found with <see cref="FindAsync"/>), so that what it no longer matches is removed.</summary>
    Task PutAsync(IndexEntry entry, IndexEntry? previous, CancellationToken cancellationToken = default);

    /// <summary>Removes an entry; removing one that is gone is harmless.</summary>
    Task RemoveAsync(IndexEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// The entries matching <paramref name="filter"/> that come after <paramref name="after"/> in feed order, at most
    /// <paramref name="max"/>. An index may stop early when a read would exceed its per-request budget; the page then
    /// says where it stopped, and reading on from there misses nothing.
    /// </summary>
    Task<IndexPage> ReadAsync(IndexFilter filter, IndexPosition? after, int max, CancellationToken cancellationToken = default);

    /// <summary>A marker that changes whenever the index does; cheap to read, so cached responses can be keyed on it.</summary>
    Task<string> VersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Entries that sort before <paramref name="cutoff"/> (at least those of whole days before it), in no particular order; the caller may remove each as it goes.</summary>
    IAsyncEnumerable<IndexEntry> OlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);

    /// <summary>True once the index was built from the stored articles (see <see cref="IndexRebuild"/>).</summary>
    Task<bool> IsBuiltAsync(CancellationToken cancellationToken = default);

    Task MarkBuiltAsync(CancellationToken cancellationToken = default);
}

/// <param name="Entries">In feed order.</param>
/// <param name="ContinueAfter">Where reading on starts: the last entry when the page is full, the last position examined when the read stopped at its budget, null when nothing matching follows.</param>
public sealed record IndexPage(IReadOnlyList<IndexEntry> Entries, IndexPosition? ContinueAfter);
