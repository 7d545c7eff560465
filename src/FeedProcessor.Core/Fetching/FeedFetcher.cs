using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using FeedProcessor.Core.Fetching.Politeness;
using FeedProcessor.Core.Fetching.Safety;
using FeedProcessor.Core.Fetching.Transfer;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Fetching;

/// <summary>
/// Fetches feeds and pages politely and safely: conditional GET, per-host and total concurrency limits,
/// Retry-After and backoff, size and time limits, hand-followed redirects, SSRF guard at connect time.
/// One per process; thread-safe. Network and HTTP problems come back as <see cref="FetchResult"/>s, never as exceptions.
/// </summary>
public sealed class FeedFetcher : IDisposable
{
    private const string FeedAccept =
        "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
    private const string PageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5";

    private readonly FetcherOptions _options;
    private readonly NetworkGuard _guard;
    private readonly HttpMessageInvoker _client;
    private readonly HostGate _hosts;
    private readonly FetchStateTransitions _transitions;
    private readonly TimeProvider _clock;

    public FeedFetcher(FetcherOptions? options = null)
        : this(options ?? new FetcherOptions(), guard: null, random: null, clock: null)
    {
    }

    internal FeedFetcher(FetcherOptions options, NetworkGuard? guard, Func<double>? random = null, TimeProvider? clock = null)
    {
        options.Validate();
        _options = options;
        _guard = guard ?? new NetworkGuard(options.AllowPrivateNetwork);
        _clock = clock ?? TimeProvider.System;
        _hosts = new HostGate(options.PerHostConcurrency, options.TotalConcurrency);
        _transitions = new FetchStateTransitions(options, new Backoff(options.BaseBackoff, options.MaxBackoff, random));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            // A proxy would receive the connection instead of the checked address, bypassing the guard.
            UseProxy = false,
            UseCookies = false,
            ConnectCallback = _guard.ConnectAsync,
            ConnectTimeout = options.RequestTimeout,
            MaxConnectionsPerServer = options.PerHostConcurrency,
            // Recycled connections pick up DNS changes (and re-run the guard).
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxResponseHeadersLength = 64,
        };
        _client = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public NetworkGuard Guard => _guard;

    public FetcherOptions Options => _options;

    /// <summary>A token that fires when the cycle budget is spent; pass it to every fetch of one poll cycle.</summary>
    public CancellationTokenSource CreateCycleBudget(CancellationToken outer = default)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(outer);
        budget.CancelAfter(_options.CycleBudget);
        return budget;
    }

    /// <summary>
    /// Polls one source: skips it while it or its host must wait, requests <see cref="SourceFetchState.MovedTo"/> or the
    /// configured URL with the stored validators, and returns the body with the advanced state.
    /// </summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="ct"/> is cancelled; the state is then unchanged.</exception>
    public async Task<FetchResult> FetchAsync(SourceDefinition source, SourceFetchState state, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(state);
        var started = Stopwatch.GetTimestamp();
        var previous = state.Clone();
        previous.SourceId = source.Id;
        var policy = PollPolicy.Fingerprint(source, _options);
        if (previous.PolicyFingerprint is not null && previous.PolicyFingerprint != policy) PollPolicy.ForgetLearned(previous);
        previous.PolicyFingerprint = policy;
        var url = previous.MovedTo ?? source.Url;

        if (previous.NextPollNotBefore > now && !_options.IgnoreEarlierWaits)
            return Skipped(previous, WhyWaiting(previous, now), started);

        var host = HostGate.KeyOf(url);
        if (SkipForBlockedHost(host, previous, now, started) is { } blocked) return blocked;
        using (await _hosts.EnterAsync(host, ct).ConfigureAwait(false))
        {
            // Another source on this host may have been told to back off while we waited for a slot.
            if (SkipForBlockedHost(host, previous, now, started) is { } blockedMeanwhile) return blockedMeanwhile;
            var exchange = await ExchangeAsync(url, FeedAccept, "feed", previous, now, ct).ConfigureAwait(false);
            return Conclude(previous, exchange, now, started);
        }
    }

    /// <summary>A plain GET with the same guards, limits and host politeness, for article pages of HTML sources.</summary>
    public async Task<FetchResult> FetchPageAsync(Uri url, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        var started = Stopwatch.GetTimestamp();
        var now = _clock.GetUtcNow();
        var previous = new SourceFetchState { SourceId = UrlRedactor.Redact(url) };
        if (!url.IsAbsoluteUri)
            return Conclude(previous, new HttpExchange(url).Fail(FetchErrorKind.BadUrl, $"{url.OriginalString} is not an absolute URL."), now, started);
        var host = HostGate.KeyOf(url);
        if (SkipForBlockedHost(host, previous, now, started) is { } blocked) return blocked;
        using (await _hosts.EnterAsync(host, ct).ConfigureAwait(false))
        {
            var exchange = await ExchangeAsync(url, PageAccept, "page", conditional: null, now, ct).ConfigureAwait(false);
            return Conclude(previous, exchange, now, started);
        }
    }

    /// <summary>Applies an RSS &lt;ttl&gt; (minutes) as a lower bound on the next poll, capped by <see cref="FetcherOptions.MaxServerHintDelay"/>.</summary>
    public SourceFetchState AfterParse(SourceFetchState state, int? ttlMinutes, DateTimeOffset now) =>
        _transitions.AfterParse(state, ttlMinutes, now);

    /// <summary>
    /// Records that a fetched body could not be used (<see cref="FetchErrorKind.NotAFeed"/> or <see cref="FetchErrorKind.ParseError"/>)
    /// as a failure with backoff; persist the returned state instead of <see cref="FetchResult.NewState"/>.
    /// </summary>
    public SourceFetchState AfterParseFailure(FetchResult result, string errorKind, string message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        return _transitions.AfterParseFailure(result, errorKind, message, now);
    }

    public void Dispose() => _client.Dispose();

    private FetchResult? SkipForBlockedHost(string host, SourceFetchState previous, DateTimeOffset now, long started)
    {
        if (_hosts.BlockedUntil(host, now) is not { } until) return null;
        var next = previous.Clone();
        next.NextPollNotBefore = until;
        return Skipped(next, $"Not polled before {Format(until, now)}: {host} asked us to slow down.", started);
    }

    private FetchResult Skipped(SourceFetchState next, string reason, long started) => new()
    {
        Outcome = FetchOutcome.Skipped,
        Error = reason,
        NewState = next,
        PreviousState = next,
        Elapsed = Stopwatch.GetElapsedTime(started),
    };

    private FetchResult Conclude(SourceFetchState previous, HttpExchange exchange, DateTimeOffset now, long started)
    {
        if (exchange.HostBlock is { } block) _hosts.Block(HostGate.KeyOf(exchange.FinalUrl), now + block);
        if (exchange.Failed)
        {
            // An HTTP error is best told by its code; a 200 whose body was refused by what went wrong with it.
            var status = exchange.FailureKind == FetchErrorKind.Http && exchange.Status is { } code
                ? code.ToString(CultureInfo.InvariantCulture)
                : exchange.FailureKind!;
            return new FetchResult
            {
                Outcome = FetchOutcome.Failed,
                Error = exchange.FailureMessage,
                ErrorKind = exchange.FailureKind,
                HttpStatus = exchange.Status,
                FinalUrl = exchange.FinalUrl,
                ContentType = exchange.ContentType,
                NewState = _transitions.Failed(previous, status, exchange.FailureMessage!, exchange.RetryAfter, now),
                PreviousState = previous,
                Elapsed = Stopwatch.GetElapsedTime(started),
            };
        }
        return new FetchResult
        {
            Outcome = exchange.Status == 304 ? FetchOutcome.NotModified : FetchOutcome.Fetched,
            Body = exchange.Body,
            ContentType = exchange.ContentType,
            HttpStatus = exchange.Status,
            FinalUrl = exchange.FinalUrl,
            NewState = _transitions.Succeeded(previous, exchange, now),
            PreviousState = previous,
            Elapsed = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>One request with its redirects, under the per-attempt timeout.</summary>
    private async Task<HttpExchange> ExchangeAsync(Uri url, string accept, string noun, SourceFetchState? conditional, DateTimeOffset now, CancellationToken ct)
    {
        var exchange = new HttpExchange(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.RequestTimeout);
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var current = url;
        try
        {
            while (true)
            {
                if (_guard.CheckUrl(current) is { } refusal) return exchange.Fail(refusal.Kind, refusal.Message);
                exchange.FinalUrl = current;
                using var request = BuildRequest(current, accept, conditional);
                using var response = await _client.SendAsync(request, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    if (NextHop(exchange, current, response, visited) is not { } next) return exchange;
                    current = next;
                    continue;
                }
                exchange.Status = status;
                exchange.ContentType = ServerHints.RawHeader(response.Content.Headers, "Content-Type");
                if (status == 304 || response.IsSuccessStatusCode)
                {
                    exchange.ETag = ServerHints.RawHeader(response.Headers, "ETag");
                    exchange.LastModified = ServerHints.RawHeader(response.Content.Headers, "Last-Modified");
                    exchange.FreshFor = ServerHints.FreshFor(response, now, _options.MaxServerHintDelay);
                    if (status == 304) return exchange;
                    return await ReadBodyAsync(exchange, response, noun, timeout.Token).ConfigureAwait(false);
                }
                return DescribeErrorStatus(exchange, response, now);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return exchange.Fail(FetchErrorKind.Timeout,
                string.Create(CultureInfo.InvariantCulture,
                    $"{UrlRedactor.Redact(exchange.FinalUrl)} did not answer within {_options.RequestTimeout.TotalSeconds:0.#} seconds."));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var (kind, message) = FailureDescriber.Describe(ex, exchange.FinalUrl);
            return exchange.Fail(kind, message);
        }
    }

    private HttpRequestMessage BuildRequest(Uri url, string accept, SourceFetchState? conditional)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url)
        {
            // h2 is negotiated by ALPN where the server offers it; plain http stays on 1.1.
            VersionPolicy = HttpVersionPolicy.RequestVersionOrHigher,
        };
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip, deflate");
        // Raw, as received: some servers send ETags a strict parser would reject, and still expect them back.
        if (!string.IsNullOrEmpty(conditional?.ETag)) request.Headers.TryAddWithoutValidation("If-None-Match", conditional.ETag);
        if (!string.IsNullOrEmpty(conditional?.LastModified)) request.Headers.TryAddWithoutValidation("If-Modified-Since", conditional.LastModified);
        return request;
    }

    private Uri? NextHop(HttpExchange exchange, Uri current, HttpResponseMessage response, HashSet<string> visited)
    {
        var status = (int)response.StatusCode;
        var where = UrlRedactor.Redact(current);
        var location = response.Headers.Location;
        if (location is null)
        {
            exchange.Status = status;
            exchange.Fail(FetchErrorKind.Http, $"The server answered {status} (a redirect) for {where} without saying where to.");
            return null;
        }
        var target = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (exchange.Redirects.Count >= _options.MaxRedirects)
        {
            exchange.Fail(FetchErrorKind.TooManyRedirects,
                $"{UrlRedactor.Redact(exchange.Requested)} redirected more than {_options.MaxRedirects} times; gave up at {where}.");
            return null;
        }
        if (!visited.Add(target.AbsoluteUri))
        {
            exchange.Fail(FetchErrorKind.RedirectLoop,
                $"The redirects from {UrlRedactor.Redact(exchange.Requested)} loop: {where} leads back to {UrlRedactor.Redact(target)}.");
            return null;
        }
        exchange.Redirects.Add(new RedirectHop(status, current, target));
        return target;
    }

    private async Task<HttpExchange> ReadBodyAsync(HttpExchange exchange, HttpResponseMessage response, string noun, CancellationToken ct)
    {
        var tooLarge = $"The {noun} is larger than {_options.DescribeSizeLimit()}; refused.";
        var declared = response.Content.Headers.ContentLength;
        if (declared > _options.MaxBodyBytes) return exchange.Fail(FetchErrorKind.TooLarge, tooLarge);
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var body = await BoundedBodyReader.ReadAsync(stream, declared, _options.MaxBodyBytes, ct).ConfigureAwait(false);
        if (body is null) return exchange.Fail(FetchErrorKind.TooLarge, tooLarge);
        if (body.Length == 0)
            return exchange.Fail(FetchErrorKind.EmptyBody, $"The server answered {exchange.Status} for {UrlRedactor.Redact(exchange.FinalUrl)} with an empty body.");
        exchange.Body = body;
        return exchange;
    }

    private HttpExchange DescribeErrorStatus(HttpExchange exchange, HttpResponseMessage response, DateTimeOffset now)
    {
        var sentence = FailureDescriber.StatusSentence(response.StatusCode, response.ReasonPhrase, UrlRedactor.Redact(exchange.FinalUrl));
        var status = (int)response.StatusCode;
        if (status is 429 or 503)
        {
            exchange.RetryAfter = ServerHints.RetryAfter(response, now, _options.MaxRetryAfter);
            if (exchange.RetryAfter is { } wait)
                sentence = $"{sentence.TrimEnd('.')}; it asked us to wait until {Format(now + wait, now)}.";
            // 429 speaks for the whole host; a bare 503 may be one broken URL, so only a 503 with Retry-After blocks the host.
            exchange.HostBlock = status == 429 ? exchange.RetryAfter ?? _options.BaseBackoff : exchange.RetryAfter;
        }
        return exchange.Fail(FetchErrorKind.Http, sentence);
    }

    private static string WhyWaiting(SourceFetchState state, DateTimeOffset now)
    {
        var until = Format(state.NextPollNotBefore!.Value, now);
        return state.ConsecutiveFailures > 0
            ? $"Not polled before {until}: backing off after {state.ConsecutiveFailures} failed attempt(s). {state.LastError}".TrimEnd()
            : $"Not polled before {until}: the server's caching hints (Cache-Control, Expires or RSS ttl) say to wait.";
    }

    private static string Format(DateTimeOffset instant, DateTimeOffset now)
    {
        var utc = instant.ToUniversalTime();
        return utc.Date == now.ToUniversalTime().Date
            ? utc.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }
}
