using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using FeedProcessor.Core.Publishing.Http;

namespace FeedProcessor.Core.Publishing.Query;

/// <summary>
/// What a subscriber asked for in the feed URL. Parameters: <c>format=rss|atom|json|html</c>, <c>limit=1..500</c>,
/// <c>source=id,id</c>, <c>lang=</c>, <c>category=</c>, <c>q=</c>, <c>since=</c> (ISO 8601 date or date-time),
/// <c>after=</c> (the opaque position a next link carries).
/// Unknown parameters are ignored, so that tracking tags readers append do not break a subscription.
/// A known parameter given twice is a 400: silently picking one would serve a feed other than the one asked for
/// (<c>source</c> takes a comma-separated list instead).
/// </summary>
public sealed partial record FeedQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int MaxSources = 50;
    public const int MaxTextLength = 200;

    public OutputFormat Format { get; init; } = OutputFormat.Rss;
    public int Limit { get; init; } = DefaultLimit;
    /// <summary>Source ids, lower-case, distinct, in the order given; empty means every source.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>BCP 47; matches the language itself and its subtags ("ru" matches "ru-KZ").</summary>
    public string? Language { get; init; }
    public string? Category { get; init; }
    /// <summary>Case-insensitive text searched in title and text.</summary>
    public string? Text { get; init; }
    public DateTimeOffset? Since { get; init; }
    /// <summary>Where this page starts: after this place of the feed (the opaque <c>after=</c> of a next link).</summary>
    public Storage.Index.IndexPosition? After { get; init; }
    /// <summary>The known parameters the request named, lower-case, in its order: the self link repeats them so.</summary>
    public IReadOnlyList<string> GivenParameters { get; init; } = [];

    public static FeedQuery Default { get; } = new();

    /// <summary>True when the query narrows the feed beyond the default (other than format and limit).</summary>
    public bool IsFiltered => Sources.Count > 0 || Language is not null || Category is not null || Text is not null || Since is not null;

    /// <summary>
    /// A canonical form: two URLs asking for the same feed get the same key, whatever the parameter order,
    /// case of ids or unknown parameters. Excludes the format, which is cached separately.
    /// </summary>
    public string CacheKey
    {
        get
        {
            var key = new StringBuilder();
            key.Append("limit=").Append(Limit.ToString(CultureInfo.InvariantCulture));
            if (Sources.Count > 0) key.Append("&source=").Append(string.Join(',', Sources));
            if (Language is not null) key.Append("&lang=").Append(Uri.EscapeDataString(Language));
            if (Category is not null) key.Append("&category=").Append(Uri.EscapeDataString(Category));
            if (Text is not null) key.Append("&q=").Append(Uri.EscapeDataString(Text));
            if (Since is { } since) key.Append("&since=").Append(since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            if (After is { } after) key.Append("&after=").Append(after.ToToken());
            return key.ToString();
        }
    }

    /// <summary>Parses the request query; the format falls back to <paramref name="accept"/> when no <c>format</c> is given.</summary>
    public static QueryParseResult Parse(IReadOnlyList<KeyValuePair<string, string>> query, string? accept = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in query)
        {
            if (!IsKnown(name)) continue;
            if (!values.TryAdd(name, value ?? ""))
                return Invalid(name.ToLowerInvariant(), $"'{Shorten(name)}' is given more than once; give it once" +
                    (name.Equals("source", StringComparison.OrdinalIgnoreCase) ? " with a comma-separated list of source ids." : "."));
        }

        var result = new FeedQuery { GivenParameters = values.Keys.Select(k => k.ToLowerInvariant()).ToList() };
        if (values.TryGetValue("format", out var format))
        {
            var parsed = ParseFormat(format);
            if (parsed is null) return Invalid("format", $"'{Shorten(format)}' is not a feed format; use rss, atom, json or html.");
            result = result with { Format = parsed.Value };
        }
        else
        {
            result = result with { Format = AcceptNegotiation.PreferredFormat(accept) };
        }

        if (values.TryGetValue("limit", out var limitText))
        {
            if (limitText.Length > 4 || !int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > MaxLimit)
                return Invalid("limit", $"'{Shorten(limitText)}' is not a whole number from 1 to {MaxLimit}.");
            result = result with { Limit = limit };
        }

        if (values.TryGetValue("source", out var sourceText))
        {
            if (sourceText.Length > MaxSources * 65)
                return Invalid("source", $"The source list is too long; give at most {MaxSources} source ids.");
            var sources = new List<string>();
            foreach (var raw in sourceText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!SourceIdPattern().IsMatch(raw))
                    return Invalid("source", $"'{Shorten(raw)}' is not a source id (letters, digits, '.', '_' and '-', at most 64).");
                var id = raw.ToLowerInvariant();
                if (!sources.Contains(id)) sources.Add(id);
            }
            if (sources.Count == 0) return Invalid("source", "Give at least one source id, or leave 'source' out for every source.");
            if (sources.Count > MaxSources) return Invalid("source", $"Give at most {MaxSources} source ids.");
            result = result with { Sources = sources };
        }

        if (values.TryGetValue("lang", out var language))
        {
            language = language.Trim();
            if (!LanguageTags.IsWellFormed(language))
                return Invalid("lang", $"'{Shorten(language)}' is not a BCP 47 language tag such as 'ru' or 'kk-KZ'.");
            result = result with { Language = language };
        }

        if (values.TryGetValue("category", out var category))
        {
            category = category.Trim();
            if (category.Length is 0 or > MaxTextLength)
                return Invalid("category", $"The category must be 1 to {MaxTextLength} characters.");
            result = result with { Category = SafeText.Clean(category) };
        }

        if (values.TryGetValue("q", out var text))
        {
            text = text.Trim();
            if (text.Length is 0 or > MaxTextLength)
                return Invalid("q", $"The search text must be 1 to {MaxTextLength} characters.");
            result = result with { Text = SafeText.Clean(text) };
        }

        if (values.TryGetValue("since", out var sinceText))
        {
            var since = ParseSince(sinceText.Trim());
            if (since is null)
                return Invalid("since", $"'{Shorten(sinceText)}' is not an ISO 8601 date (2024-02-04) or date-time (2024-02-04T14:30:00+03:00).");
            result = result with { Since = since };
        }

        if (values.TryGetValue("after", out var afterText))
        {
            if (Storage.Index.IndexPosition.FromToken(afterText.Trim()) is not { } after)
                return Invalid("after", "'after' is not a position this feed gave out; follow the feed's next link, or leave 'after' out for the newest items.");
            result = result with { After = after };
        }

        return new QueryParseResult(result, null);
    }

    /// <summary>The feed identity: the query without the page it starts at, so every page of one feed has one id.</summary>
    public string FeedKey => (this with { After = null }).CacheKey;

    private static bool IsKnown(string name) =>
        name.Length <= 8 && name.ToLowerInvariant() is "format" or "limit" or "source" or "lang" or "category" or "q" or "since" or "after";

    internal static OutputFormat? ParseFormat(string value) =>
        value.Trim().ToLowerInvariant() switch
        {
            "rss" => OutputFormat.Rss,
            "atom" => OutputFormat.Atom,
            "json" => OutputFormat.Json,
            "html" => OutputFormat.Html,
            _ => null,
        };

    public static string FormatName(OutputFormat format) => format switch
    {
        OutputFormat.Atom => "atom",
        OutputFormat.Json => "json",
        OutputFormat.Html => "html",
        _ => "rss",
    };

    private static readonly string[] SinceFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    /// <summary>A date or a date-time; without an offset it is read as UTC.</summary>
    private static DateTimeOffset? ParseSince(string text) =>
        text.Length <= 40 && DateTimeOffset.TryParseExact(text, SinceFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : null;

    private static QueryParseResult Invalid(string parameter, string detail) =>
        new(null, Problem.InvalidParameter(parameter, detail));

    /// <summary>Echoes at most a short prefix of a bad value: a 100 KB value must not come back in the error.</summary>
    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex SourceIdPattern();
}

/// <summary>Either a query or the problem that made it invalid.</summary>
public sealed record QueryParseResult(FeedQuery? Query, Problem? Problem)
{
    public bool IsValid => Query is not null;
}
