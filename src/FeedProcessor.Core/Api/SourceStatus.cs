using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Fetching.Safety;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Api;

/// <summary>One row of `GET /api/sources`: a source and its health.</summary>
public sealed record SourceStatus
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public DateTimeOffset? LastPolled { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public string? LastStatus { get; init; }
    public int ConsecutiveFailures { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? NextPollNotBefore { get; init; }
    public PendingMove? PendingRedirect { get; init; }
    public string? MovedTo { get; init; }
    public int ArticleCount { get; init; }
    /// <summary>Items of this source that could not be normalized and were set aside in the `poison` container.</summary>
    public int PoisonedItems { get; init; }

    public static SourceStatus From(SourceDefinition source, SourceFetchState state, int poisonedItems = 0) => new()
    {
        PoisonedItems = poisonedItems,
        Id = source.Id,
        Title = source.Title,
        Url = UrlRedactor.Redact(source.Url),
        LastPolled = state.LastPolled,
        LastSuccess = state.LastSuccess,
        LastStatus = state.LastStatus,
        ConsecutiveFailures = state.ConsecutiveFailures,
        LastError = state.LastError,
        NextPollNotBefore = state.NextPollNotBefore,
        PendingRedirect = state.PendingRedirect is { } pending
            ? new PendingMove(UrlRedactor.Redact(pending.Target), pending.FirstSeen, pending.LastSeen, pending.Polls)
            : null,
        MovedTo = state.MovedTo is null ? null : UrlRedactor.Redact(state.MovedTo),
        ArticleCount = state.ArticleCount,
    };
}

/// <summary>A permanent redirect the source has not yet moved to (it must hold for the grace period first).</summary>
public sealed record PendingMove(string Target, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int Polls);
