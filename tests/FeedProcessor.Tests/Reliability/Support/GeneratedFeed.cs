using System.Security;
using System.Text;

namespace FeedProcessor.Tests.Reliability.Support;

/// <summary>
/// RSS feeds of many distinct items, made from a seed: each item has its own guid, date and words, so no two
/// items (in one source or across sources) read as the same story, and the expected article set is exact.
/// </summary>
public static class GeneratedFeed
{
    private static readonly string[] Words =
    [
        "ministry", "council", "decree", "budget", "railway", "harvest", "border", "treaty", "energy", "school",
        "hospital", "bridge", "tariff", "export", "water", "pension", "forest", "airport", "census", "court",
        "museum", "satellite", "wheat", "pipeline", "grid", "vaccine", "archive", "highway", "reform", "customs",
        "delegation", "summit", "steel", "uranium", "festival", "library", "drought", "flood", "housing", "transit",
    ];

    /// <summary>The newest <paramref name="count"/> items of a source's feed (item numbers 0 .. count-1, oldest first).</summary>
    public static byte[] Rss(string sourceId, int count)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>")
            .Append($"<title>{sourceId}</title><link>https://{sourceId}.example.gov/</link><description>News of {sourceId}</description>");
        for (var i = count - 1; i >= 0; i--)
        {
            var words = ItemWords(sourceId, i);
            // Recent (within the default retention) and the same for every poll of the day.
            var published = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-10).AddMinutes(i * 7 + sourceId.Length);
            xml.Append("<item>")
                .Append($"<title>{SecurityElement.Escape(string.Join(' ', words.Take(6)))}</title>")
                .Append($"<link>https://{sourceId}.example.gov/news/{i}</link>")
                .Append($"<guid isPermaLink=\"false\">{sourceId}-item-{i}</guid>")
                .Append($"<pubDate>{published:R}</pubDate>")
                .Append($"<description>{SecurityElement.Escape("<p>" + string.Join(' ', words) + ".</p>")}</description>")
                .Append("</item>");
        }
        return Encoding.UTF8.GetBytes(xml.Append("</channel></rss>").ToString());
    }

    private static IEnumerable<string> ItemWords(string sourceId, int item)
    {
        var random = new Random(Checksum(sourceId) * 1_000_003 + item);
        return Enumerable.Range(0, 24).Select(_ => Words[random.Next(Words.Length)]);
    }

    private static int Checksum(string text)
    {
        var sum = 17;
        foreach (var c in text) sum = sum * 31 + c;
        return sum;
    }
}
