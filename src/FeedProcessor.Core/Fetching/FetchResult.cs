namespace FeedProcessor.Core.Fetching;

/// <summary>What one fetch attempt produced. Network and HTTP problems are results, never exceptions.</summary>
public sealed class FetchResult
{
    public required FetchOutcome Outcome { get; init; }

    /// <summary>The decompressed body for <see cref="FetchOutcome.Fetched"/>; null otherwise.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The raw Content-Type header (with its charset parameter), as the server sent it.</summary>
    public string? ContentType { get; init; }

    /// <summary>The URL that answered, after redirects; raw, for resolving relative links. Show it only through <see cref="Safety.UrlRedactor"/>.</summary>
    public Uri? FinalUrl { get; init; }

    public int? HttpStatus { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>Why nothing usable came back (or why the fetch was skipped), as a sentence; URL secrets redacted.</summary>
    public string? Error { get; init; }

    /// <summary>One of <see cref="FetchErrorKind"/> when <see cref="Outcome"/> is <see cref="FetchOutcome.Failed"/>.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>
    /// The source state advanced for this attempt. Persist it only after the new items are stored,
    /// so a crash in between re-fetches instead of losing items.
    /// </summary>
    public required SourceFetchState NewState { get; init; }

    /// <summary>The state before this attempt: a parse failure rolls back to it rather than to <see cref="NewState"/>.</summary>
    internal SourceFetchState? PreviousState { get; init; }
}
