using System.Globalization;
using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Parsing.Dates;

/// <summary>
/// Reads the dates that feeds actually contain: RFC 822 and its violations, ISO 8601 / RFC 3339 in full or
/// partial forms, dd.MM.yyyy, and dates written with English, Russian or Kazakh month names.
/// A date without an offset is read in the given zone. Never throws.
/// </summary>
public static partial class DateParser
{
    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200) return false;
        var trimmed = text.Trim();
        var iso = IsoPattern().Match(trimmed);
        if (iso.Success) return FromIso(iso, zone, out value);
        var basic = IsoBasicPattern().Match(trimmed);
        if (basic.Success) return FromIso(basic, zone, out value);
        var numeric = DottedPattern().Match(trimmed);
        if (numeric.Success) return FromDotted(numeric, zone, out value);
        return DateTokens.TryRead(trimmed, out var parts) && parts.ToDateTimeOffset(zone, out value);
    }

    private static bool FromIso(Match m, TimeZoneInfo zone, out DateTimeOffset value)
    {
        var parts = new DateParts
        {
            Year = Number(m.Groups["y"]),
            Month = m.Groups["mo"].Success ? Number(m.Groups["mo"]) : 1,
            Day = m.Groups["d"].Success ? Number(m.Groups["d"]) : 1,
            Hour = m.Groups["h"].Success ? Number(m.Groups["h"]) : 0,
            Minute = m.Groups["mi"].Success ? Number(m.Groups["mi"]) : 0,
            Second = m.Groups["s"].Success ? Number(m.Groups["s"]) : 0,
            FractionTicks = m.Groups["f"].Success ? Fraction(m.Groups["f"].ValueSpan) : 0,
        };
        if (m.Groups["z"].Success)
        {
            var z = m.Groups["z"].ValueSpan;
            parts.OffsetMinutes = z is "Z" or "z" ? 0 : OffsetFromDigits(z[0] == '-' ? -1 : 1, z[1..]);
        }
        return parts.ToDateTimeOffset(zone, out value);
    }

    private static bool FromDotted(Match m, TimeZoneInfo zone, out DateTimeOffset value)
    {
        var year = Number(m.Groups["y"]);
        var parts = new DateParts
        {
            Day = Number(m.Groups["d"]),
            Month = Number(m.Groups["mo"]),
            Year = m.Groups["y"].Length == 2 ? DateParts.ExpandTwoDigitYear(year) : year,
            Hour = m.Groups["h"].Success ? Number(m.Groups["h"]) : 0,
            Minute = m.Groups["mi"].Success ? Number(m.Groups["mi"]) : 0,
            Second = m.Groups["s"].Success ? Number(m.Groups["s"]) : 0,
        };
        // 02/14/2024 can only be American month-first.
        if (parts.Month > 12 && parts.Day <= 12) (parts.Day, parts.Month) = (parts.Month, parts.Day);
        return parts.ToDateTimeOffset(zone, out value);
    }

    private static int Number(Group g) => int.Parse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>"6", "06", "0600", "06:00" → minutes.</summary>
    internal static int OffsetFromDigits(int sign, ReadOnlySpan<char> digits)
    {
        int hours, minutes = 0;
        var colon = digits.IndexOf(':');
        if (colon >= 0)
        {
            hours = int.Parse(digits[..colon], NumberStyles.None, CultureInfo.InvariantCulture);
            minutes = int.Parse(digits[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else if (digits.Length <= 2) hours = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        else
        {
            hours = int.Parse(digits[..^2], NumberStyles.None, CultureInfo.InvariantCulture);
            minutes = int.Parse(digits[^2..], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        return sign * (hours * 60 + minutes);
    }

    internal static long Fraction(ReadOnlySpan<char> digits)
    {
        long ticks = 0;
        for (var i = 0; i < 7; i++) ticks = ticks * 10 + (i < digits.Length ? digits[i] - '0' : 0);
        return ticks;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?:-(?<mo>\d{1,2})(?:-(?<d>\d{1,2})(?:[Tt ]+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:[.,](?<f>\d+))?)?)?)?)?\s*(?<z>[Zz]|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    /// <summary>ISO 8601 basic format: 20240204T143000Z.</summary>
    [GeneratedRegex(@"^(?<y>\d{4})(?<mo>\d{2})(?<d>\d{2})(?:[Tt](?<h>\d{2})(?<mi>\d{2})(?<s>\d{2})?(?:[.,](?<f>\d+))?)?\s*(?<z>[Zz]|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoBasicPattern();

    [GeneratedRegex(@"^(?<d>\d{1,2})[./](?<mo>\d{1,2})[./](?<y>\d{4}|\d{2})(?:[\s,]+(?<h>\d{1,2})[:.](?<mi>\d{2})(?::(?<s>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedPattern();
}
