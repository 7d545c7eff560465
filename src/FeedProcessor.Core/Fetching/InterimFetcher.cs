// Interim stand-in for the fetching stage's contract, replaced when that stage lands.
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Fetching;

public sealed class SourceFetchState
{
    public string SourceId { get; set; } = "";
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    public DateTimeOffset? LastPolled { get; set; }
    public DateTimeOffset? LastSuccess { get; set; }
    public string? LastStatus { get; set; }
    public int ConsecutiveFailures { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? NextPollNotBefore { get; set; }
    public PendingRedirect? PendingRedirect { get; set; }
    public string? MovedTo { get; set; }
    public int ArticleCount { get; set; }
    public List<string> SeenItemKeys { get; set; } = [];

    public void RememberItems(IEnumerable<string> keys, int max = 2000)
    {
        var set = new HashSet<string>(SeenItemKeys);
        foreach (var key in keys) if (set.Add(key)) SeenItemKeys.Add(key);
        if (SeenItemKeys.Count > max) SeenItemKeys.RemoveRange(0, SeenItemKeys.Count - max);
    }
}

public sealed class PendingRedirect
{
    public string Target { get; set; } = "";
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public int Polls { get; set; }
}

public enum FetchOutcome { Fetched, NotModified, Skipped, Failed }

public sealed class FetchResult
{
    public FetchOutcome Outcome { get; init; }
    public byte[]? Body { get; init; }
    public string? ContentType { get; init; }
    public Uri? FinalUrl { get; init; }
    public int? HttpStatus { get; init; }
    public TimeSpan Elapsed { get; init; }
    public string? Error { get; init; }
    public string? ErrorKind { get; init; }
    public required SourceFetchState NewState { get; init; }
}

public sealed class FetcherOptions
{
    public string ContactUrl { get; set; } = "https://github.com/feedprocessor/feedprocessor";
    public bool AllowPrivateNetwork { get; set; }
    public int TotalConcurrency { get; set; } = 16;
}

public sealed class FeedFetcher(FetcherOptions options) : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(20) };

    public FetcherOptions Options => options;

    public async Task<FetchResult> FetchAsync(SourceDefinition source, SourceFetchState state, DateTimeOffset now, CancellationToken ct)
    {
        var next = Copy(state);
        next.LastPolled = now;
        try
        {
            using var response = await _client.GetAsync(source.Url, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            next.LastStatus = ((int)response.StatusCode).ToString();
            if (!response.IsSuccessStatusCode)
            {
                next.ConsecutiveFailures++;
                next.LastError = $"The server answered {(int)response.StatusCode}.";
                return new FetchResult { Outcome = FetchOutcome.Failed, NewState = next, Error = next.LastError, HttpStatus = (int)response.StatusCode };
            }
            next.LastSuccess = now; next.ConsecutiveFailures = 0; next.LastError = null;
            return new FetchResult { Outcome = FetchOutcome.Fetched, Body = body, ContentType = response.Content.Headers.ContentType?.ToString(), FinalUrl = source.Url, NewState = next, HttpStatus = 200 };
        }
        catch (HttpRequestException e)
        {
            next.ConsecutiveFailures++; next.LastStatus = "connection"; next.LastError = e.Message;
            return new FetchResult { Outcome = FetchOutcome.Failed, NewState = next, Error = e.Message, ErrorKind = "connection" };
        }
    }

    public static SourceFetchState RecordFailure(SourceFetchState state, string kind, string error)
    {
        state.ConsecutiveFailures++; state.LastStatus = kind; state.LastError = error; return state;
    }

    public static SourceFetchState AfterParse(SourceFetchState state, int? ttlMinutes, DateTimeOffset now) => state;

    private static SourceFetchState Copy(SourceFetchState s) => System.Text.Json.JsonSerializer.Deserialize<SourceFetchState>(System.Text.Json.JsonSerializer.Serialize(s))!;

    public void Dispose() => _client.Dispose();
}
