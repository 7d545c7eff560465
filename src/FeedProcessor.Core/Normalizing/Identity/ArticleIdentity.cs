using FeedProcessor.Core.Normalizing.Urls;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Core.Normalizing.Identity;

/// <summary>
/// The article id: stable across polls, restarts and machines. Prefers the feed's guid, then the canonical
/// URL, then the title, date and content together; the kind of key is part of the hash so they never collide.
/// </summary>
public static class ArticleIdentity
{
    public static string Compute(string sourceId, ParsedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Compute(sourceId, entry, entry.Link is { } link ? UrlCleaner.Canonicalize(link) : null);
    }

    /// <summary>As <see cref="Compute(string, ParsedEntry)"/>, with the entry's link already resolved and canonicalized.</summary>
    internal static string Compute(string sourceId, ParsedEntry entry, string? canonicalUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        ArgumentNullException.ThrowIfNull(entry);

        if (!string.IsNullOrWhiteSpace(entry.Guid)) return Hashes.Short("guid", sourceId, entry.Guid.Trim());
        if (canonicalUrl is not null) return Hashes.Short("url", sourceId, canonicalUrl);
        return Hashes.Short("content", sourceId, entry.Title?.Trim(), entry.Published?.Trim(),
            Hashes.Short(entry.ContentHtml ?? entry.SummaryHtml));
    }

    /// <summary>
    /// Some CMSs give every item the same guid (or reuse one for different items). Such a guid identifies
    /// nothing, so it is cleared on every entry that shares it with a different item, and their ids fall back
    /// to the URL. Entries repeated verbatim (same link and title) keep theirs. The poll pipeline calls this on the
    /// whole feed; `feedproc parse` applies the same <see cref="RepeatedGuids"/> batch by batch as it streams.
    /// </summary>
    public static void DropRepeatedGuids(IList<ParsedEntry> entries) => new RepeatedGuids().Clear(entries);
}

/// <summary>
/// The one rule for guids that several different items share, applied to a feed in windows (the whole feed, or the
/// batches a streaming reader normalizes): in each window, every entry whose guid another item of the window or of an
/// earlier window had is cleared. With one window (every feed of up to a batch) all sharers lose the guid; an entry
/// already handed on in an earlier window keeps the id it was given.
/// </summary>
public sealed class RepeatedGuids
{
    /// <summary>Each guid seen, with a hash of the link and title of the first item that had it.</summary>
    private readonly Dictionary<string, int> _firstItem = new(StringComparer.Ordinal);
    private readonly HashSet<string> _repeated = new(StringComparer.Ordinal);

    public void Clear(IList<ParsedEntry> window)
    {
        ArgumentNullException.ThrowIfNull(window);
        foreach (var entry in window)
        {
            var guid = entry.Guid?.Trim();
            if (string.IsNullOrEmpty(guid)) continue;
            var item = ItemHash(entry);
            if (!_firstItem.TryAdd(guid, item) && _firstItem[guid] != item) _repeated.Add(guid);
        }
        if (_repeated.Count == 0) return;
        foreach (var entry in window)
            if (entry.Guid?.Trim() is { } guid && _repeated.Contains(guid)) entry.Guid = null;
    }

    /// <summary>Same link and title: the same item repeated verbatim, which may keep its guid.</summary>
    private static int ItemHash(ParsedEntry entry) =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(entry.Link?.Trim() ?? ""), StringComparer.Ordinal.GetHashCode(entry.Title?.Trim() ?? ""));
}
