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
    /// to the URL. Entries repeated verbatim (same link and title) keep theirs.
    /// </summary>
    public static void DropRepeatedGuids(IList<ParsedEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var firstByGuid = new Dictionary<string, ParsedEntry>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var guid = entry.Guid?.Trim();
            if (string.IsNullOrEmpty(guid)) continue;
            if (!firstByGuid.TryAdd(guid, entry) && !IsSameItem(firstByGuid[guid], entry)) repeated.Add(guid);
        }
        if (repeated.Count == 0) return;
        foreach (var entry in entries)
            if (entry.Guid?.Trim() is { } guid && repeated.Contains(guid)) entry.Guid = null;
    }

    private static bool IsSameItem(ParsedEntry a, ParsedEntry b) =>
        string.Equals(a.Link?.Trim(), b.Link?.Trim(), StringComparison.Ordinal)
        && string.Equals(a.Title?.Trim(), b.Title?.Trim(), StringComparison.Ordinal);
}
