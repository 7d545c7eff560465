using System.Globalization;

namespace FeedProcessor.Core.Publishing.Writers;

/// <summary>The date forms of each format, always with a numeric offset.</summary>
public static class FeedDates
{
    /// <summary>RFC 822 as RSS 2.0 wants it, with a four-digit year and a numeric zone: "Sun, 04 Feb 2024 14:30:00 +0300".</summary>
    public static string Rfc822(DateTimeOffset value)
    {
        var offset = value.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return value.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) +
               $"{sign}{offset.Hours:00}{offset.Minutes:00}";
    }

    /// <summary>RFC 3339 as Atom and JSON Feed want it: "2024-02-04T14:30:00+03:00".</summary>
    public static string Rfc3339(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>The HTTP date of Last-Modified: always GMT, second precision.</summary>
    public static string Http(DateTimeOffset value) => value.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);
}
