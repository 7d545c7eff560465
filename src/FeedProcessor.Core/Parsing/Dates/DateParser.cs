using System.Globalization;

namespace FeedProcessor.Core.Parsing.Dates;

/// <summary>Reads the dates that feeds actually contain. A date without an offset is read in the given zone.</summary>
public static class DateParser
{
    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
