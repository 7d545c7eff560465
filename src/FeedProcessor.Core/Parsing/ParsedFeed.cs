namespace FeedProcessor.Core.Parsing;

/// <summary>
/// What every format parser produces: the feed's own metadata and its entries, still as the source wrote them
/// (HTML not sanitized, dates as text). Normalizing turns each entry into an article.
/// </summary>
public sealed class ParsedFeed
{
    /// <summary>One of the <see cref="FeedFormats"/> names, e.g. "rss2.0", "atom1.0", "json1.1", "text".</summary>
    public string Format { get; set; } = FeedFormats.Unknown;
    public string? Title { get; set; }
    /// <summary>The site's home page as the feed states it (absolute).</summary>
    public string? Link { get; set; }
    public string? Language { get; set; }
    public string? Description { get; set; }
    /// <summary>RSS &lt;ttl&gt; in minutes: a lower bound on the next poll.</summary>
    public int? TtlMinutes { get; set; }
    public List<ParsedEntry> Entries { get; set; } = [];
    /// <summary>What was repaired or guessed while reading: recovered entities, encoding conflicts, truncation.</summary>
    public List<string> Warnings { get; set; } = [];
}
