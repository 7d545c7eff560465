using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Normalizing;

/// <summary>What normalizing needs to know besides the entry: who published it, in which zone, and when we saw it.</summary>
public sealed record NormalizeContext
{
    public required string SourceId { get; init; }
    public required string SourceTitle { get; init; }
    /// <summary>The document the entry was read from; base for relative URLs when the entry has none better.</summary>
    public Uri? SourceUrl { get; init; }
    /// <summary>Language from the sources file, used after the item's and the feed's own.</summary>
    public string? SourceLanguage { get; init; }
    /// <summary>The feed-level language, when the feed states one.</summary>
    public string? FeedLanguage { get; init; }
    /// <summary>Zone for dates without an offset.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    /// <summary>When the item was fetched: future dates are clamped to it, and it becomes FirstSeen.</summary>
    public DateTimeOffset FetchedAt { get; init; }

    public static NormalizeContext For(SourceDefinition source, DateTimeOffset fetchedAt, string? feedLanguage = null) => new()
    {
        SourceId = source.Id,
        SourceTitle = source.Title,
        SourceUrl = source.Url,
        SourceLanguage = source.Language,
        FeedLanguage = feedLanguage,
        TimeZone = TimeZones.Find(source.TimeZone),
        FetchedAt = fetchedAt,
    };
}
