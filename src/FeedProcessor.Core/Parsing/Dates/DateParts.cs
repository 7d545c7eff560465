namespace FeedProcessor.Core.Parsing.Dates;

/// <summary>The fields a date text gave; turned into an instant once all are known.</summary>
internal struct DateParts
{
    public int Year, Month, Day, Hour, Minute, Second;
    public long FractionTicks;
    public int? OffsetMinutes;
    /// <summary>A zone named without an offset ("ET": US Eastern, standard or daylight time as the date falls).</summary>
    public TimeZoneInfo? Zone;

    /// <summary>
    /// A two-digit year is in this century unless that would put it after the current year: a feed's dates lie in the
    /// past, so "Feb 49" is 1949 (RFC 2822 §4.3 would make it 2049, a date in the future).
    /// </summary>
    public static int ExpandTwoDigitYear(int year)
    {
        var thisYear = DateTime.UtcNow.Year;
        var candidate = thisYear / 100 * 100 + year;
        return candidate > thisYear ? candidate - 100 : candidate;
    }

    /// <summary>DateTimeOffset allows at most ±14 hours, which is also the widest offset in use (Kiribati).</summary>
    private const int MaxOffsetMinutes = 14 * 60;

    public readonly bool ToDateTimeOffset(TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (Year is < 1 or > 9999 || Month is < 1 or > 12 || Day < 1 || Day > DateTime.DaysInMonth(Year, Month)) return false;
        if (Hour is < 0 or > 24 || Minute is < 0 or > 59 || Second is < 0 or > 60) return false;
        if (Hour == 24 && (Minute != 0 || Second != 0)) return false;
        if (OffsetMinutes is < -MaxOffsetMinutes or > MaxOffsetMinutes) return false;

        // 24:00 is the end of the day; a leap second is kept as the last second of its minute.
        var local = new DateTime(Year, Month, Day, Hour == 24 ? 0 : Hour, Minute, Math.Min(Second, 59), DateTimeKind.Unspecified)
            .AddTicks(FractionTicks);
        if (Hour == 24)
        {
            if (local.Date == DateTime.MaxValue.Date) return false;
            local = local.AddDays(1);
        }
        var offset = OffsetMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : (Zone ?? zone).GetUtcOffset(local);
        // Historical local mean times have seconds in their offset (Almaty before 1924: +5:07:48); an offset holds whole minutes.
        offset = TimeSpan.FromMinutes(Math.Truncate(offset.TotalMinutes));
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }
}
