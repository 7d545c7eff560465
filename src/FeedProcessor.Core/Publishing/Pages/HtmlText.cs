using System.Globalization;
using System.Net;

namespace FeedProcessor.Core.Publishing.Pages;

/// <summary>How the pages for people write text and times: every value HTML-encoded, since titles and errors come from outside.</summary>
internal static class HtmlText
{
    public static string Encode(string text) => WebUtility.HtmlEncode(SafeText.Clean(text));

    /// <summary>The server-rendered time, in UTC; <see cref="LocalTimeScript"/> replaces it with the reader's local time.</summary>
    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A time element that shows UTC without script and the reader's local time with it.</summary>
    public static string Time(DateTimeOffset time) =>
        $"<time datetime=\"{time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\">{Utc(time)}</time>";

    /// <summary>
    /// Rewrites every &lt;time datetime&gt; in the reader's own time zone and locale; the full UTC time stays in the
    /// tooltip. Without script the UTC text stays, which is still right.
    /// </summary>
    public const string LocalTimeScript = """
        <script>
        for (const t of document.querySelectorAll("time[datetime]")) {
          const d = new Date(t.dateTime);
          if (isNaN(d)) continue;
          t.title = t.textContent;
          t.textContent = d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
        }
        </script>

        """;
}
