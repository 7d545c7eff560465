using System.Globalization;
using System.Text.Json;
using FeedProcessor.Core.Parsing.Dates;

namespace FeedProcessor.Tests.Parsing.Dates;

/// <summary>Each date form in testdata/date_forms.txt against feedparser's reading of it (date_forms.json, from corpus/expected.py).</summary>
public class FeedparserDateAgreementTests
{
    /// <summary>Forms where feedparser 6.0.10 is wrong and we deliberately differ.</summary>
    private static readonly Dictionary<string, string> BetterThanFeedparser = new()
    {
        ["Sun, 04 Feb 2024 14:30:00 MSK"] = "feedparser ignores MSK (UTC+3) and reads UTC",
        ["Sun, 04 Feb 2024 14:30:00 ALMT"] = "feedparser ignores ALMT (UTC+6) and reads UTC",
        ["20240204T143000Z"] = "feedparser drops the time of the ISO basic format",
        ["2024-13-45"] = "feedparser rolls month 13, day 45 over into 2025-01-01; it is not a date",
    };

    private static Dictionary<string, string?> Expected()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Parsing", "Dates", "testdata", "date_forms.json");
        return JsonSerializer.Deserialize<Dictionary<string, string?>>(File.ReadAllText(path))!;
    }

    private static string? Ours(string form) =>
        DateParser.TryParse(form, TimeZoneInfo.Utc, out var value)
            ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;

    [Fact]
    public void Reads_every_date_feedparser_reads_the_same_way()
    {
        var disagreements = Expected()
            .Where(pair => pair.Value is not null && !BetterThanFeedparser.ContainsKey(pair.Key) && Ours(pair.Key) != pair.Value)
            .Select(pair => $"\"{pair.Key}\": ours {Ours(pair.Key) ?? "none"}, feedparser {pair.Value}")
            .ToList();
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [Fact]
    public void Overrides_still_differ_from_feedparser()
    {
        var expected = Expected();
        Assert.All(BetterThanFeedparser.Keys, form => Assert.NotEqual(expected[form], Ours(form)));
    }

    [Fact]
    public void Reads_more_forms_than_feedparser()
    {
        var expected = Expected();
        var theirs = expected.Count(pair => pair.Value is not null);
        var ours = expected.Keys.Count(form => Ours(form) is not null);
        Assert.True(ours > theirs + 8, $"we read {ours} of {expected.Count} forms, feedparser {theirs}");
    }
}
