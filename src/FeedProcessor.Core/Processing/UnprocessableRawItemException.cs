namespace FeedProcessor.Core.Processing;

/// <summary>
/// The raw item itself cannot be turned into an article (corrupt JSON, a format nobody reads, a normalizer bug on
/// its content). Only these count towards poisoning: a storage outage is retried without blaming the item.
/// </summary>
public sealed class UnprocessableRawItemException(string rawName, Exception cause)
    : Exception($"Raw item {rawName} cannot be normalized: {cause.GetType().Name}: {cause.Message}", cause)
{
    public string RawName { get; } = rawName;
}
