namespace FeedProcessor.Core.Publishing.Query;

/// <summary>The feed formats the publisher renders.</summary>
public enum OutputFormat
{
    Rss,
    Atom,
    Json,
}
