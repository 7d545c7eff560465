namespace FeedProcessor.Core.Publishing;

/// <summary>How the published feed is served; the defaults are what the hosts use.</summary>
public sealed record PublishingOptions
{
    /// <summary>The product name that opens every feed title.</summary>
    public string FeedTitle { get; init; } = "FeedProcessor";

    public string FeedDescription { get; init; } = "Official news from government websites, merged into one feed.";

    /// <summary>At most this many items of one source per response, so that one chatty ministry cannot flood the feed.</summary>
    public int PerSourceCap { get; init; } = 20;

    /// <summary>Seconds a client or CDN may reuse a response without asking again.</summary>
    public int MaxAgeSeconds { get; init; } = 60;

    /// <summary>Rendered responses kept in memory; the oldest-used is dropped first.</summary>
    public int ResponseCacheEntries { get; init; } = 64;

    public static PublishingOptions Default { get; } = new();
}
