namespace FeedProcessor.Core.Normalizing;

/// <summary>
/// The normalized article: what `feedproc parse` prints, what is stored in the `articles` container,
/// and what the publisher renders. Field names are part of the public contract (camelCase JSON).
/// </summary>
public sealed class Article
{
    /// <summary>Stable across polls, restarts and machines: a hash of (sourceId, guid | canonical URL | title+date+content).</summary>
    public required string Id { get; set; }
    public required string SourceId { get; set; }
    public required string SourceTitle { get; set; }
    /// <summary>The feed or page the article was read from (absolute), used for RSS &lt;source url&gt;.</summary>
    public string? SourceUrl { get; set; }
    /// <summary>The publishing site's host, e.g. "primeminister.kz".</summary>
    public string? Site { get; set; }
    /// <summary>Plain text, never empty.</summary>
    public required string Title { get; set; }
    /// <summary>Absolute http(s) URL with tracking parameters removed, or null.</summary>
    public string? Url { get; set; }
    /// <summary>With its offset, e.g. 2024-02-04T14:30:00+03:00; null when the source gives no date.</summary>
    public DateTimeOffset? Published { get; set; }
    /// <summary>Set when the source changed the article after it was first seen.</summary>
    public DateTimeOffset? Updated { get; set; }
    /// <summary>When FeedProcessor first saw the item; the feed orders by this when <see cref="Published"/> is null.</summary>
    public DateTimeOffset FirstSeen { get; set; }
    /// <summary>When the version stored was fetched: an edit moves it on, and an older copy arriving late never replaces a newer one.</summary>
    public DateTimeOffset? FetchedAt { get; set; }
    public string? Author { get; set; }
    /// <summary>BCP 47.</summary>
    public string? Language { get; set; }
    public List<string> Categories { get; set; } = [];
    /// <summary>Plain text, at most 300 characters.</summary>
    public string Summary { get; set; } = "";
    /// <summary>Sanitized HTML with absolute URLs.</summary>
    public string ContentHtml { get; set; } = "";
    /// <summary>Plain text; paragraphs separated by exactly one blank line.</summary>
    public string ContentText { get; set; } = "";
    public string? ImageUrl { get; set; }
    /// <summary>Other sources that published the same story; the article kept is the earliest.</summary>
    public List<string> AlsoPublishedBy { get; set; } = [];
    /// <summary>Hash of the normalized content, to notice an item that changed after it was first seen.</summary>
    public string? ContentHash { get; set; }
    /// <summary>64-bit SimHash over word shingles of the text, for near-duplicate detection across sources.</summary>
    public ulong SimHash { get; set; }
}
