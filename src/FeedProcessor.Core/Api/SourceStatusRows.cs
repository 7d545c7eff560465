using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Fetching.Safety;
using FeedProcessor.Core.Publishing.Pages;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Api;

/// <summary>Maps a source and its fetch state to the row shown on /api/sources and the home page; URLs redacted.</summary>
public static class SourceStatusRows
{
    public static SourceStatusView From(SourceDefinition source, SourceFetchState state, int poisonedItems = 0) => new()
    {
        Id = source.Id,
        Title = source.Title,
        Url = UrlRedactor.Redact(source.Url),
        Language = source.Language,
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
        ItemsFetched = state.ArticleCount,
        PoisonedItems = poisonedItems,
    };
}
