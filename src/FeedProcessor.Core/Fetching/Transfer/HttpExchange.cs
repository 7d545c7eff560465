namespace FeedProcessor.Core.Fetching.Transfer;

internal sealed record RedirectHop(int Status, Uri From, Uri To)
{
    public bool IsPermanent => Status is 301 or 308;
}

/// <summary>Everything one request (with its redirects) told us, before it is turned into a result and a state.</summary>
internal sealed class HttpExchange(Uri requested)
{
    public Uri Requested { get; } = requested;
    public List<RedirectHop> Redirects { get; } = [];
    public Uri FinalUrl { get; set; } = requested;
    public int? Status { get; set; }
    public string? ContentType { get; set; }
    public byte[]? Body { get; set; }
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public TimeSpan? RetryAfter { get; set; }
    public TimeSpan? FreshFor { get; set; }

    /// <summary>Set when the host asked everyone to slow down (429, or 503 with Retry-After).</summary>
    public TimeSpan? HostBlock { get; set; }

    public string? FailureKind { get; private set; }
    public string? FailureMessage { get; private set; }
    public bool Failed => FailureKind is not null;

    public HttpExchange Fail(string kind, string message)
    {
        FailureKind = kind;
        FailureMessage = message;
        return this;
    }
}
