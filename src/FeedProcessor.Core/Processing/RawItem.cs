using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// One new item as the poller stored it in the `raw` container, with the source's metadata, so that
/// normalizing needs nothing but this blob (the Functions app normalizes it on another instance).
/// </summary>
public sealed class RawItem
{
    public required string SourceId { get; set; }
    public required string SourceTitle { get; set; }
    /// <summary>The feed document's URL after redirects.</summary>
    public string? SourceUrl { get; set; }
    public string? SourceLanguage { get; set; }
    public string TimeZone { get; set; } = "UTC";
    public string Format { get; set; } = FeedFormats.Unknown;
    public string? FeedLanguage { get; set; }
    public DateTimeOffset FetchedAt { get; set; }
    public required ParsedEntry Entry { get; set; }
}
