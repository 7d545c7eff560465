namespace FeedProcessor.Core.Publishing.Pages;

/// <summary>What the home page shows about one source's health; the host fills it from the fetch state.</summary>
public sealed record SourceStatusView
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public DateTimeOffset? LastPolled { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    /// <summary>The HTTP status or outcome of the last poll, e.g. "200", "304", "timeout".</summary>
    public string? LastStatus { get; init; }
    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }
    public int ArticleCount { get; init; }
    public DateTimeOffset? NextPollNotBefore { get; init; }
    /// <summary>A permanent redirect seen but not yet adopted into the sources file.</summary>
    public string? PendingRedirect { get; init; }
    public string? Language { get; init; }
}
