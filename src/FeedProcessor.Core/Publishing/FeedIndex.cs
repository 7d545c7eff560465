using FeedProcessor.Core.Normalizing;

namespace FeedProcessor.Core.Publishing;

/// <summary>
/// The materialized index the publisher serves from: the newest articles, newest first, already deduplicated
/// across sources. Stored as one blob so that a feed request reads O(1) blobs.
/// </summary>
public sealed class FeedIndex
{
    public const int DefaultCapacity = 1000;

    public List<Article> Articles { get; set; } = [];
    public DateTimeOffset Updated { get; set; }
}
