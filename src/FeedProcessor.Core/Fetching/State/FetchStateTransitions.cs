using FeedProcessor.Core.Fetching.Politeness;
using FeedProcessor.Core.Fetching.Transfer;

namespace FeedProcessor.Core.Fetching;

/// <summary>How one attempt (and then its parse) advances a source's state. Always works on a copy.</summary>
internal sealed class FetchStateTransitions(FetcherOptions options, Backoff backoff)
{
    public SourceFetchState Succeeded(SourceFetchState previous, HttpExchange exchange, DateTimeOffset now)
    {
        var next = previous.Clone();
        next.LastPolled = now;
        next.LastSuccess = now;
        next.LastStatus = exchange.Status?.ToString();
        next.ConsecutiveFailures = 0;
        next.LastError = null;
        // A 304 may omit validators; the ones we sent are still the right ones.
        var notModified = exchange.Status == 304;
        next.ETag = exchange.ETag ?? (notModified ? previous.ETag : null);
        next.LastModified = exchange.LastModified ?? (notModified ? previous.LastModified : null);
        next.NextPollNotBefore = exchange.FreshFor is { } fresh ? now + fresh : null;
        TrackPermanentRedirect(next, exchange, now);
        return next;
    }

    public SourceFetchState Failed(SourceFetchState previous, string status, string message, TimeSpan? retryAfter, DateTimeOffset now)
    {
        var next = previous.Clone();
        next.LastPolled = now;
        next.LastStatus = status;
        next.LastError = message;
        next.ConsecutiveFailures = previous.ConsecutiveFailures + 1;
        var delay = backoff.WithJitter(next.ConsecutiveFailures);
        if (retryAfter > delay) delay = retryAfter.Value;
        next.NextPollNotBefore = now + delay;
        return next;
    }

    public SourceFetchState AfterParse(SourceFetchState state, int? ttlMinutes, DateTimeOffset now)
    {
        var next = state.Clone();
        if (ttlMinutes is not > 0) return next;
        var ttl = TimeSpan.FromMinutes(ttlMinutes.Value);
        var notBefore = now + (ttl < options.MaxServerHintDelay ? ttl : options.MaxServerHintDelay);
        if (next.NextPollNotBefore is null || next.NextPollNotBefore < notBefore) next.NextPollNotBefore = notBefore;
        return next;
    }

    /// <summary>
    /// Rolls back to the state before the fetch (a redirect to a page that is not a feed must not count toward a move),
    /// counts a failure, and drops the validators so the next poll downloads and parses again.
    /// </summary>
    public SourceFetchState AfterParseFailure(FetchResult result, string kind, string message, DateTimeOffset now)
    {
        var next = Failed(result.PreviousState ?? result.NewState, kind, message, null, now);
        next.ETag = null;
        next.LastModified = null;
        return next;
    }

    /// <summary>
    /// The move target is the end of the unbroken run of permanent redirects from the requested URL.
    /// It replaces the URL only after holding for the grace period and enough polls; temporary redirects change nothing.
    /// </summary>
    private void TrackPermanentRedirect(SourceFetchState next, HttpExchange exchange, DateTimeOffset now)
    {
        if (exchange.Redirects.Count == 0)
        {
            next.PendingRedirect = null;
            return;
        }
        Uri? target = null;
        foreach (var hop in exchange.Redirects)
        {
            if (!hop.IsPermanent) break;
            target = hop.To;
        }
        if (target is null) return;
        if (exchange.Requested.Scheme == Uri.UriSchemeHttps && target.Scheme != Uri.UriSchemeHttps) return;

        var pending = next.PendingRedirect;
        if (pending is not null && pending.Target == target)
        {
            pending.LastSeen = now;
            pending.Polls++;
        }
        else
        {
            next.PendingRedirect = pending = new PendingRedirect { Target = target, FirstSeen = now, LastSeen = now, Polls = 1 };
        }
        if (now - pending.FirstSeen >= options.PermanentRedirectGrace && pending.Polls >= options.MinPollsBeforeMove)
        {
            next.MovedTo = target;
            next.PendingRedirect = null;
        }
    }
}
