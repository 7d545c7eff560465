using System.Globalization;
using System.Reflection;

namespace FeedProcessor.Core.Fetching;

public sealed class FetcherOptions
{
    public const long MiB = 1024 * 1024;

    public string ProductName { get; set; } = "FeedProcessor";
    public string ProductVersion { get; set; } = AssemblyVersion();

    /// <summary>Where a server operator can reach us; part of the User-Agent so blocked requests can be traced back.</summary>
    public string ContactUrl { get; set; } = "https://example.org/contact";

    public string UserAgent => $"{ProductName}/{ProductVersion} (+{ContactUrl})";

    /// <summary>Whole attempt, redirects and body included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>All fetches of one poll cycle; see <see cref="FeedFetcher.CreateCycleBudget"/>.</summary>
    public TimeSpan CycleBudget { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Checked on Content-Length and again while reading the decompressed body.</summary>
    public long MaxBodyBytes { get; set; } = 15 * MiB;

    public int MaxRedirects { get; set; } = 5;
    public int PerHostConcurrency { get; set; } = 2;
    /// <summary>Sources fetched at once in a cycle: 200 sources that answer in 200 ms take ceil(200 / this) × 200 ms.</summary>
    public int TotalConcurrency { get; set; } = 16;

    /// <summary>More would only queue on sockets and the thread pool.</summary>
    public const int MaxTotalConcurrency = 256;

    /// <summary>Lets requests reach loopback and private ranges (local runs, tests). Link-local and metadata stay refused.</summary>
    public bool AllowPrivateNetwork { get; set; }

    /// <summary>
    /// Poll now (`feedproc --force`): ignore the waits stored by earlier polls (backoff, Retry-After, Cache-Control,
    /// ttl). Waits a host asks for during this process still hold. Read at each fetch, so a host can turn it off after a cycle.
    /// </summary>
    public bool IgnoreEarlierWaits { get; set; }

    /// <summary>A permanent redirect changes the stored URL only after holding this long...</summary>
    public TimeSpan PermanentRedirectGrace { get; set; } = TimeSpan.FromDays(7);

    /// <summary>...and over at least this many polls, so one misconfigured deploy cannot move a source.</summary>
    public int MinPollsBeforeMove { get; set; } = 3;

    /// <summary>Delay after the first failure; it doubles per consecutive failure.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// Cap on waits the server merely suggests (Cache-Control max-age, Expires, RSS ttl): many CMSs ship ttl=1440,
    /// and a news feed must not go a day stale because of a default.
    /// </summary>
    public TimeSpan MaxServerHintDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Cap on Retry-After, so a wrong header cannot silence a source for weeks.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(24);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RequestTimeout, TimeSpan.Zero, nameof(RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CycleBudget, TimeSpan.Zero, nameof(CycleBudget));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBodyBytes, 1, nameof(MaxBodyBytes));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxBodyBytes, Array.MaxLength - 1, nameof(MaxBodyBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRedirects, nameof(MaxRedirects));
        ArgumentOutOfRangeException.ThrowIfLessThan(PerHostConcurrency, 1, nameof(PerHostConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(TotalConcurrency, 1, nameof(TotalConcurrency));
        ArgumentOutOfRangeException.ThrowIfLessThan(BaseBackoff, TimeSpan.Zero, nameof(BaseBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, BaseBackoff, nameof(MaxBackoff));
    }

    internal string DescribeSizeLimit() =>
        MaxBodyBytes % MiB == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{MaxBodyBytes / MiB} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{MaxBodyBytes:N0} bytes");

    private static string AssemblyVersion()
    {
        var informational = typeof(FetcherOptions).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // The SDK appends "+<commit>"; servers' logs only need the release.
        return informational?.Split('+')[0] ?? "0.0.0";
    }
}
