using System.Globalization;
using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Parsing.Dates;

/// <summary>
/// Reads the dates that feeds actually contain: every form feedparser's date handlers accept (RFC 822/2822 and its
/// violations, asctime, W3CDTF, ISO 8601 extended, basic, ordinal, week and reduced forms, Perforce, the Greek,
/// Hungarian and Korean forms), dd.MM.yyyy, dates written with Russian or Kazakh month names, and an IANA zone name
/// in place of an offset. A date without an offset is read in the given zone. Never throws.
/// </summary>
public static partial class DateParser
{
    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200) return false;
        var trimmed = text.Trim();
        if (NamedZone.TrySplit(trimmed, out var rest, out var named))
        {
            trimmed = rest;
            zone = named;
        }
        var iso = IsoPattern().Match(trimmed);
        if (iso.Success) return FromIso(iso, zone, out value);
        var basic = IsoBasicPattern().Match(trimmed);
        if (basic.Success) return FromIso(basic, zone, out value);
        var numeric = DottedPattern().Match(trimmed);
        if (numeric.Success) return FromDotted(numeric, zone, out value);
        var korean = KoreanPattern().Match(trimmed);
        if (korean.Success) return FromKorean(korean, zone, out value);
        return DateTokens.TryRead(trimmed, out var parts) && parts.ToDateTimeOffset(zone, out value);
    }

    private static bool FromIso(Match m, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
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
        if (m.Groups["o"].Success && !FromOrdinal(parts.Year, Number(m.Groups["o"]), ref parts)) return false;
        if (m.Groups["w"].Success && !FromWeek(parts.Year, Number(m.Groups["w"]), m.Groups["wd"].Success ? Number(m.Groups["wd"]) : 1, ref parts)) return false;
        if (m.Groups["z"].Success)
        {
            var z = m.Groups["z"].ValueSpan;
            if (z is "Z" or "z") parts.OffsetMinutes = 0;
            else if (TryOffsetFromDigits(z[0] == '-' ? -1 : 1, z[1..], out var minutes)) parts.OffsetMinutes = minutes;
            else return false;
        }
        return parts.ToDateTimeOffset(zone, out value);
    }

    /// <summary>ISO 8601 ordinal date: the day of the year (2024-035 is 4 February).</summary>
    private static bool FromOrdinal(int year, int dayOfYear, ref DateParts parts)
    {
        if (year is < 1 or > 9999 || dayOfYear < 1 || dayOfYear > (DateTime.IsLeapYear(year) ? 366 : 365)) return false;
        var date = new DateTime(year, 1, 1).AddDays(dayOfYear - 1);
        (parts.Month, parts.Day) = (date.Month, date.Day);
        return true;
    }

    /// <summary>ISO 8601 week date: 2024-W05-7 is Sunday of the fifth ISO week.</summary>
    private static bool FromWeek(int year, int week, int weekday, ref DateParts parts)
    {
        if (year is < 2 or > 9998 || week < 1 || week > ISOWeek.GetWeeksInYear(year) || weekday is < 1 or > 7) return false;
        var date = ISOWeek.ToDateTime(year, week, weekday == 7 ? DayOfWeek.Sunday : (DayOfWeek)weekday);
        (parts.Year, parts.Month, parts.Day) = (date.Year, date.Month, date.Day);
        return true;
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

    /// <summary>Korean blog platforms: "2004년 05월 28일 01:31:15" and "2004-05-25 오후 11:23:17" (오전 a.m., 오후 p.m.).</summary>
    private static bool FromKorean(Match m, TimeZoneInfo zone, out DateTimeOffset value)
    {
        var parts = new DateParts
        {
            Year = Number(m.Groups["y"]),
            Month = Number(m.Groups["mo"]),
            Day = Number(m.Groups["d"]),
            Hour = Number(m.Groups["h"]),
            Minute = Number(m.Groups["mi"]),
            Second = m.Groups["s"].Success ? Number(m.Groups["s"]) : 0,
        };
        if (m.Groups["pm"].Success && parts.Hour is >= 1 and < 12) parts.Hour += 12;
        if (m.Groups["am"].Success && parts.Hour == 12) parts.Hour = 0;
        return parts.ToDateTimeOffset(zone, out value);
    }

    /// <summary>Only ever called on groups of ASCII digits, at most a few long.</summary>
    private static int Number(Group g) => int.Parse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>"6", "06", "0600", "06:00" → minutes; false for anything else ("00:", "0:zz", "123456").</summary>
    internal static bool TryOffsetFromDigits(int sign, ReadOnlySpan<char> digits, out int minutes)
    {
        minutes = 0;
        var colon = digits.IndexOf(':');
        var split = colon >= 0 ? colon : digits.Length <= 2 ? digits.Length : digits.Length - 2;
        var hoursText = digits[..split];
        var minutesText = colon >= 0 ? digits[(colon + 1)..] : digits.Length <= 2 ? "0" : digits[split..];
        if (hoursText.Length is 0 or > 2 || minutesText.Length is 0 or > 2) return false;
        if (!int.TryParse(hoursText, NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(minutesText, NumberStyles.None, CultureInfo.InvariantCulture, out var extra)
            || extra > 59) return false;
        minutes = sign * (hours * 60 + extra);
        return true;
    }

    internal static long Fraction(ReadOnlySpan<char> digits)
    {
        long ticks = 0;
        for (var i = 0; i < 7; i++) ticks = ticks * 10 + (i < digits.Length ? digits[i] - '0' : 0);
        return ticks;
    }

    /// <summary>
    /// ISO 8601 extended form and its reductions: 2024, 2024-02, 2024-02-04, ordinal 2024-035, week
    /// 2024-W05(-7); the time as hh, hh:mm, hh:mm:ss with a fraction, or hhmm(ss) after a T; Z or ±hh(:mm).
    /// </summary>
    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:-(?:W(?<w>[0-9]{2})(?:-(?<wd>[1-7]))?|(?<o>[0-9]{3})|(?<mo>[0-9]{1,2})(?:-(?<d>[0-9]{1,2}))?))?(?:(?:[Tt]|[Tt ]+)(?<h>[0-9]{1,2})(?::?(?<mi>[0-9]{2})(?::?(?<s>[0-9]{2})(?:[.,](?<f>[0-9]+))?)?)?)?\s*(?<z>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    /// <summary>ISO 8601 basic format: 20240204T143000Z, 20240204T1430, 2024035 (ordinal), 2024W057 (week).</summary>
    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:(?<mo>[0-9]{2})(?<d>[0-9]{2})|(?<o>[0-9]{3})|W(?<w>[0-9]{2})(?<wd>[1-7])?)(?:[Tt](?<h>[0-9]{2})(?:(?<mi>[0-9]{2})(?<s>[0-9]{2})?(?:[.,](?<f>[0-9]+))?)?)?\s*(?<z>[Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoBasicPattern();

    [GeneratedRegex(@"^(?<d>[0-9]{1,2})[./](?<mo>[0-9]{1,2})[./](?<y>[0-9]{4}|[0-9]{2})(?:[\s,]+(?<h>[0-9]{1,2})[:.](?<mi>[0-9]{2})(?::(?<s>[0-9]{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedPattern();

    [GeneratedRegex(@"^(?<y>[0-9]{4})(?:년|-)\s*(?<mo>[0-9]{1,2})(?:월|-)\s*(?<d>[0-9]{1,2})일?\s+(?:(?:(?<am>오전)|(?<pm>오후))\s*)?(?<h>[0-9]{1,2}):(?<mi>[0-9]{2})(?::(?<s>[0-9]{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex KoreanPattern();
}
