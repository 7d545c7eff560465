namespace FeedProcessor.Core.Fetching;

/// <summary>What we remember about polling one source between cycles; stored as camelCase JSON.</summary>
public sealed class SourceFetchState
{
    public const int DefaultSeenItemLimit = 2000;

    public string SourceId { get; set; } = "";

    /// <summary>The validator exactly as the server sent it (some servers send unquoted ETags), replayed in If-None-Match.</summary>
    public string? ETag { get; set; }

    /// <summary>The raw Last-Modified header, replayed in If-Modified-Since.</summary>
    public string? LastModified { get; set; }

    public DateTimeOffset? LastPolled { get; set; }
    public DateTimeOffset? LastSuccess { get; set; }

    /// <summary>An HTTP status ("200", "304", "429") or a <see cref="FetchErrorKind"/> ("timeout", "dns", ...).</summary>
    public string? LastStatus { get; set; }

    public int ConsecutiveFailures { get; set; }

    /// <summary>A sentence a user can act on; URL secrets redacted.</summary>
    public string? LastError { get; set; }

    /// <summary>Do not request before this instant (Retry-After, backoff, Cache-Control, RSS ttl).</summary>
    public DateTimeOffset? NextPollNotBefore { get; set; }

    public PendingRedirect? PendingRedirect { get; set; }

    /// <summary>The URL to poll instead of the configured one, once a permanent redirect has held.</summary>
    public Uri? MovedTo { get; set; }

    /// <summary>New items fetched from this source since it was added (raw items written), shown as itemsFetched.</summary>
    public int ArticleCount { get; set; }

    /// <summary>
    /// The <see cref="PollPolicy"/> of the last poll: the source's definition and the network policy. When it changes,
    /// the backoff, waits and redirects learned under the old one are forgotten, so a fixed source is polled at once.
    /// </summary>
    public string? PolicyFingerprint { get; set; }

    /// <summary>Keys of recently seen items, newest first, bounded; lets the cycle skip known items when a server ignores conditional requests.</summary>
    public List<string> SeenItemKeys { get; set; } = [];

    /// <summary>
    /// Puts this poll's item keys (in feed order, newest first) ahead of the remembered ones and keeps at most
    /// <paramref name="max"/>, dropping the oldest.
    /// </summary>
    public void RememberItems(IEnumerable<string> keys, int max = DefaultSeenItemLimit)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var kept = new HashSet<string>(StringComparer.Ordinal);
        var newestFirst = new List<string>(Math.Min(max, SeenItemKeys.Count + 64));
        foreach (var key in keys.Concat(SeenItemKeys))
        {
            if (newestFirst.Count == max) break;
            if (!string.IsNullOrEmpty(key) && kept.Add(key)) newestFirst.Add(key);
        }
        SeenItemKeys = newestFirst;
    }

    public SourceFetchState Clone()
    {
        var copy = (SourceFetchState)MemberwiseClone();
        copy.PendingRedirect = PendingRedirect?.Clone();
        copy.SeenItemKeys = [.. SeenItemKeys];
        return copy;
    }
}
