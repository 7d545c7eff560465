using System.Text.Json;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Tests.Publishing;

/// <summary>Articles and sources for the publishing tests: the shipped test data, and quick synthetic ones.</summary>
internal static class PublishingFixtures
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string TestData = Path.Combine(AppContext.BaseDirectory, "Publishing", "testdata");

    /// <summary>Three real-looking articles, one per source, read fresh each time (tests mutate them).</summary>
    public static List<Article> SampleArticles() =>
        JsonSerializer.Deserialize<List<Article>>(File.ReadAllText(Path.Combine(TestData, "articles.json")), Json)!;

    public static IReadOnlyList<SourceDefinition> Sources() =>
        JsonSerializer.Deserialize<List<SourceDefinition>>(File.ReadAllText(Path.Combine(TestData, "sources.json")), Json)!;

    public static TestArchive SampleIndex()
    {
        var index = new TestArchive();
        index.Merge(SampleArticles());
        return index;
    }

    public static readonly DateTimeOffset Epoch = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);

    public static Article Make(string id, string sourceId = "mfa", int minutes = 0, string? url = null, bool dated = true,
        string? language = "ru", string title = "Title", string text = "Text") =>
        new()
        {
            Id = id,
            SourceId = sourceId,
            SourceTitle = sourceId switch { "primeminister" => "Prime Minister of Kazakhstan", "mfa" => "Ministry of Foreign Affairs", "energy" => "Ministry of Energy", _ => sourceId },
            SourceUrl = $"https://{sourceId}.example.kz/rss",
            Title = $"{title} {id}",
            Url = url ?? $"https://{sourceId}.example.kz/news/{id}",
            Published = dated ? Epoch.AddMinutes(minutes) : null,
            FirstSeen = Epoch.AddMinutes(minutes),
            Language = language,
            Summary = $"Summary of {id}",
            ContentHtml = $"<p>{text}</p>",
            ContentText = text,
        };

    /// <summary>A request as the hosts' adapter hands it over, the public host already decided (PublicUrlPolicyTests).</summary>
    public static ApiRequest Request(string query = "", Dictionary<string, string>? headers = null, string route = "feed", string host = "news.example.kz") =>
        new()
        {
            Route = route,
            Query = ParseQuery(query),
            Headers = new Dictionary<string, string>(headers ?? [], StringComparer.OrdinalIgnoreCase),
            Scheme = "https",
            Host = host,
        };

    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => KeyValuePair.Create(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : ""))
            .ToList();
}
