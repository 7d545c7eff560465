namespace FeedProcessor.Core.Parsing.Dates;

/// <summary>The fields a date text gave; turned into an instant once all are known.</summary>
internal struct DateParts
{
    public int Year, Month, Day, Hour, Minute, Second;
    public long FractionTicks;
    public int? OffsetMinutes;

    /// <summary>RFC 2822 §4.3: two-digit years below 50 are 20xx, others 19xx.</summary>
    public static int ExpandTwoDigitYear(int year) => year < 50 ? 2000 + year : 1900 + year;

    public readonly bool ToDateTimeOffset(TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (Year is < 1 or > 9999 || Month is < 1 or > 12 || Day < 1 || Day > DateTime.DaysInMonth(Year, Month)) return false;
        if (Hour is < 0 or > 24 || Minute is < 0 or > 59 || Second is < 0 or > 60) return false;
        if (Hour == 24 && (Minute != 0 || Second != 0)) return false;
        if (OffsetMinutes is < -18 * 60 or > 18 * 60) return false;

        // 24:00 is the end of the day; a leap second is kept as the last second of its minute.
        var local = new DateTime(Year, Month, Day, Hour == 24 ? 0 : Hour, Minute, Math.Min(Second, 59), DateTimeKind.Unspecified)
            .AddTicks(FractionTicks);
        if (Hour == 24)
        {
            if (local.Date == DateTime.MaxValue.Date) return false;
            local = local.AddDays(1);
        }
        var offset = OffsetMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : zone.GetUtcOffset(local);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }
}
