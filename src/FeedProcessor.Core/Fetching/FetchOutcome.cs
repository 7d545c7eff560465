namespace FeedProcessor.Core.Fetching;

public enum FetchOutcome
{
    /// <summary>A body arrived; parsing decides whether it is a feed.</summary>
    Fetched,
    /// <summary>The server answered 304: nothing changed since the last fetch.</summary>
    NotModified,
    /// <summary>Not requested: the source or its host asked us to wait, or it is backing off after failures.</summary>
    Skipped,
    /// <summary>Requested, and nothing usable came back; <see cref="FetchResult.Error"/> says why.</summary>
    Failed,
}
