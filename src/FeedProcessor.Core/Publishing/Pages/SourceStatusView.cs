namespace FeedProcessor.Core.Publishing.Pages;

/// <summary>
/// One source and its health: a row of `GET /api/sources` and of the home page. Filled from the fetch state by
/// the API, with URLs already redacted.
/// </summary>
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
    /// <summary>
    /// New items fetched from the source since it was added (raw items, each normalized into an article later); not
    /// how many of its articles the feed holds, which only the index knows.
    /// </summary>
    public int ItemsFetched { get; init; }
    public DateTimeOffset? NextPollNotBefore { get; init; }
    /// <summary>A permanent redirect seen but not yet adopted (it must hold for the grace period first).</summary>
    public PendingMove? PendingRedirect { get; init; }
    /// <summary>The URL polled instead of the configured one, once a permanent redirect has held.</summary>
    public string? MovedTo { get; init; }
    /// <summary>Items of this source that could not be normalized and were set aside in the `poison` container.</summary>
    public int PoisonedItems { get; init; }
    public string? Language { get; init; }
}

public sealed record PendingMove(string Target, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int Polls);
