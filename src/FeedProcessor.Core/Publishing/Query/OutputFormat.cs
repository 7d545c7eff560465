namespace FeedProcessor.Core.Publishing.Query;

/// <summary>The formats the publisher renders: three feed formats, and the page browsers get.</summary>
public enum OutputFormat
{
    Rss,
    Atom,
    Json,
    /// <summary>The feed as a web page for people, with links to the three feeds.</summary>
    Html,
}
