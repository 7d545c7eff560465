using System.Globalization;
using System.Text;

namespace FeedProcessor.Benchmarks.Workloads;

/// <summary>
/// A deterministic RSS 2.0 feed shaped like a ministry's: per item a title, link, guid, date, category and a
/// description of about 1.7 KB of HTML with paragraphs, entities, an image, a script and a tracked link.
/// 50,000 items make about 85 MB, the size of the whole-process goal in tests/perf.
/// </summary>
public static class SyntheticFeed
{
    private static readonly string[] Words =
        ("government ministry decree president minister council budget reform region agreement cooperation "
         + "development economy investment infrastructure program meeting delegation official statement press "
         + "national security health education transport energy agriculture digital industry trade export").Split(' ');

    private static readonly DateTimeOffset Newest = new(2024, 2, 4, 14, 30, 0, TimeSpan.Zero);

    public static byte[] Bytes(int items)
    {
        using var buffer = new MemoryStream();
        Write(buffer, items);
        return buffer.ToArray();
    }

    /// <param name="first">Number of the first item, so that several generated feeds hold different stories.</param>
    public static void Write(Stream output, int items, int first = 0)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        writer.Write("""<?xml version="1.0" encoding="utf-8"?>""" + "\n<rss version=\"2.0\"><channel><title>Ministry of Large Feeds</title>"
            + "<link>https://gov.example/</link><description>Official news</description><language>en</language>\n");
        for (var i = first; i < first + items; i++)
        {
            var date = (Newest - TimeSpan.FromMinutes(7 * i)).ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
            writer.Write($"<item><title>{Sentence(random, 9)} {i}</title><link>https://gov.example/news/{i}</link>"
                + $"<guid isPermaLink=\"false\">gov-{i}</guid><pubDate>{date}</pubDate><category>{Words[random.Next(Words.Length)]}</category>"
                + $"<description><![CDATA[{ItemHtml(random, i)}]]></description></item>\n");
        }
        writer.Write("</channel></rss>\n");
    }

    /// <summary>The HTML of one item's description, as publishers write it.</summary>
    public static string ItemHtml(Random random, int item)
    {
        var html = new StringBuilder(2048);
        for (var p = 0; p < 4; p++)
        {
            if (p == 2) html.Append($"<img src=\"/images/{item}.jpg\" alt=\"Photo {item}\" width=\"640\" height=\"480\">");
            if (p == 3) html.Append("<script>track('item');</script>");
            html.Append("<p>").Append(Sentence(random, 12)).Append(". ").Append(Sentence(random, 14))
                .Append($" &amp; {Sentence(random, 4)} &laquo;quoted&raquo; &mdash; item {item}.{p}&hellip;</p>");
        }
        html.Append($"<p><a href=\"/news/{item}?utm_source=rss\">Read more</a></p>");
        return html.ToString();
    }

    /// <summary>Plain text of about the same length, for the sanitizer's fast path.</summary>
    public static string PlainText(Random random) =>
        string.Join("\n\n", Enumerable.Range(0, 4).Select(_ => Sentence(random, 12) + ". " + Sentence(random, 14) + "."));

    private static string Sentence(Random random, int words)
    {
        var text = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            if (w > 0) text.Append(' ');
            text.Append(Words[random.Next(Words.Length)]);
        }
        text[0] = char.ToUpperInvariant(text[0]);
        return text.ToString();
    }
}
