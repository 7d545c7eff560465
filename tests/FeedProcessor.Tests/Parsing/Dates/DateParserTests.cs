using CsCheck;
using FeedProcessor.Core.Parsing.Dates;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Tests.Parsing.Dates;

public class DateParserTests
{
    private static readonly TimeZoneInfo Almaty = TimeZones.Find("Asia/Almaty");
    private static readonly TimeZoneInfo NewYork = TimeZones.Find("America/New_York");

    public static TheoryData<string, string> InUtc => new()
    {
        // RFC 822 / 2822 and the usual violations
        { "Sun, 04 Feb 2024 14:30:00 GMT", "2024-02-04T14:30:00+00:00" },
        { "Sun, 04 Feb 2024 14:30:00 +0600", "2024-02-04T14:30:00+06:00" },
        { "Sun, 4 Feb 2024 14:30:00 +06:00", "2024-02-04T14:30:00+06:00" },
        { "04 Feb 2024 14:30:00 GMT", "2024-02-04T14:30:00+00:00" },
        { "Sun, 04 Feb 2024 9:05:00 GMT", "2024-02-04T09:05:00+00:00" },
        { "Sun, 04 Feb 2024 14:30 GMT", "2024-02-04T14:30:00+00:00" },
        { "Sun, 04 Feb 24 14:30:00 GMT", "2024-02-04T14:30:00+00:00" },
        { "Thu, 04 Feb 99 14:30:00 GMT", "1999-02-04T14:30:00+00:00" },
        { "Sun, 04 Feb 2024 14:30:00 EST", "2024-02-04T14:30:00-05:00" },
        { "Sun, 04 Jul 2024 14:30:00 EDT", "2024-07-04T14:30:00-04:00" },
        { "Sun, 04 Feb 2024 14:30:00 PST", "2024-02-04T14:30:00-08:00" },
        { "Sun, 04 Feb 2024 14:30:00 MSK", "2024-02-04T14:30:00+03:00" },
        { "Sun, 04 Feb 2024 14:30:00 ALMT", "2024-02-04T14:30:00+06:00" },
        { "Sun, 04 Feb 2024 14:30:00 UT", "2024-02-04T14:30:00+00:00" },
        { "Sun, 04 Feb 2024 14:30:00 Z", "2024-02-04T14:30:00+00:00" },
        { "Sun, 04 Feb 2024 14:30:00 A", "2024-02-04T14:30:00+01:00" },
        { "Sun, 04 Feb 2024 14:30:00 N", "2024-02-04T14:30:00-01:00" },
        { "Sun, 04 Feb 2024 14:30:00 GMT+6", "2024-02-04T14:30:00+06:00" },
        { "Sun, 04 Feb 2024 14:30:00 GMT+06:00", "2024-02-04T14:30:00+06:00" },
        { "Sun, 04 Feb 2024 14:30:00 UTC-0330", "2024-02-04T14:30:00-03:30" },
        { "Sunday, 04-Feb-2024 14:30:00 GMT", "2024-02-04T14:30:00+00:00" },
        { "Sun Feb  4 14:30:00 2024", "2024-02-04T14:30:00+00:00" },
        { "Sun, 04 February 2024 14:30:00 +0000", "2024-02-04T14:30:00+00:00" },
        // ISO 8601 / RFC 3339
        { "2024-02-04T14:30:00Z", "2024-02-04T14:30:00+00:00" },
        { "2024-02-04T14:30:00+06:00", "2024-02-04T14:30:00+06:00" },
        { "2024-02-04T14:30:00.123456Z", "2024-02-04T14:30:00.123456+00:00" },
        { "2024-02-04T14:30:00.5+0600", "2024-02-04T14:30:00.5+06:00" },
        { "2024-02-04T14:30Z", "2024-02-04T14:30:00+00:00" },
        { "2024-02-04 14:30:00", "2024-02-04T14:30:00+00:00" },
        { "2024-02-04T14:30:00+06", "2024-02-04T14:30:00+06:00" },
        { "2024-02-04", "2024-02-04T00:00:00+00:00" },
        { "2024-02", "2024-02-01T00:00:00+00:00" },
        { "  2024-02-04T14:30:00Z  ", "2024-02-04T14:30:00+00:00" },
        { "2024-02-04T24:00:00Z", "2024-02-05T00:00:00+00:00" },
        // dd.MM.yyyy
        { "04.02.2024 14:30", "2024-02-04T14:30:00+00:00" },
        { "04.02.2024", "2024-02-04T00:00:00+00:00" },
        { "4.2.2024, 14:30:15", "2024-02-04T14:30:15+00:00" },
        { "04/02/2024", "2024-02-04T00:00:00+00:00" },
        { "02/14/2024", "2024-02-14T00:00:00+00:00" },
        // Russian and Kazakh
        { "4 февраля 2024 г., 14:30", "2024-02-04T14:30:00+00:00" },
        { "04 февраль 2024", "2024-02-04T00:00:00+00:00" },
        { "4 ақпан 2024", "2024-02-04T00:00:00+00:00" },
        { "4 ақпан 2024 жыл 09:15", "2024-02-04T09:15:00+00:00" },
        { "2024 жылғы 4 ақпан", "2024-02-04T00:00:00+00:00" },
        { "12 мая 2023", "2023-05-12T00:00:00+00:00" },
        { "1 сентября 2023, 10:00", "2023-09-01T10:00:00+00:00" },
        { "15 желтоқсан 2023", "2023-12-15T00:00:00+00:00" },
        { "воскресенье, 4 февраля 2024", "2024-02-04T00:00:00+00:00" },
        { "4 ФЕВРАЛЯ 2024", "2024-02-04T00:00:00+00:00" },
        { "4 фев. 2024 14:30", "2024-02-04T14:30:00+00:00" },
        // English month names
        { "February 4, 2024", "2024-02-04T00:00:00+00:00" },
        { "4 Feb 2024 14:30", "2024-02-04T14:30:00+00:00" },
        { "February 4, 2024 2:30 PM", "2024-02-04T14:30:00+00:00" },
        { "February 4, 2024 12:05 am", "2024-02-04T00:05:00+00:00" },
        { "Feb 4th, 2024", "2024-02-04T00:00:00+00:00" },
        { "February 4, 2024 2:30 p.m.", "2024-02-04T14:30:00+00:00" },
    };

    [Theory]
    [MemberData(nameof(InUtc))]
    public void Reads_each_form(string text, string expected)
    {
        Assert.True(DateParser.TryParse(text, TimeZoneInfo.Utc, out var value), $"could not read \"{text}\"");
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, value.Offset);
    }

    public static TheoryData<string, string, string> InZone => new()
    {
        { "2024-02-04 14:30", "Asia/Almaty", "2024-02-04T14:30:00+06:00" },
        { "04.02.2024 14:30", "Asia/Almaty", "2024-02-04T14:30:00+06:00" },
        { "4 февраля 2024 г., 14:30", "Europe/Moscow", "2024-02-04T14:30:00+03:00" },
        { "2024-01-15 09:00", "America/New_York", "2024-01-15T09:00:00-05:00" },
        { "2024-07-15 09:00", "America/New_York", "2024-07-15T09:00:00-04:00" },
        { "Mon, 15 Jul 2024 09:00:00", "America/New_York", "2024-07-15T09:00:00-04:00" },
        // An explicit offset wins over the source's zone.
        { "2024-02-04T14:30:00Z", "Asia/Almaty", "2024-02-04T14:30:00+00:00" },
        { "Sun, 04 Feb 2024 14:30:00 +0300", "Asia/Almaty", "2024-02-04T14:30:00+03:00" },
    };

    [Theory]
    [MemberData(nameof(InZone))]
    public void Reads_dates_without_offset_in_the_source_zone(string text, string zone, string expected)
    {
        Assert.True(DateParser.TryParse(text, TimeZones.Find(zone), out var value));
        var want = DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(want, value);
        Assert.Equal(want.Offset, value.Offset);
    }

    [Fact]
    public void Almaty_local_time_is_six_hours_ahead_of_utc()
    {
        Assert.True(DateParser.TryParse("2024-02-04 14:30", Almaty, out var value));
        Assert.Equal(TimeSpan.FromHours(6), value.Offset);
        Assert.Equal(new DateTime(2024, 2, 4, 8, 30, 0), value.UtcDateTime);
    }

    [Fact]
    public void Daylight_saving_gap_does_not_throw()
    {
        Assert.True(DateParser.TryParse("2024-03-10 02:30", NewYork, out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("not a date at all")]
    [InlineData("2024-13-01")]
    [InlineData("2024-02-30")]
    [InlineData("31.02.2024")]
    [InlineData("Sun, 04 Foo 2024 14:30:00 GMT")]
    [InlineData("25:00 4 Feb 2024")]
    [InlineData("4 Feb 2024 14:61")]
    [InlineData("12345")]
    [InlineData("Feb 2024")]
    [InlineData("4 Feb 2024 14:30 +9999")]
    [InlineData("Posted by admin on 4 Feb 2024")]
    public void Rejects_what_is_not_a_date(string? text)
    {
        Assert.False(DateParser.TryParse(text, TimeZoneInfo.Utc, out _));
    }

    [Fact]
    public void Never_throws_on_arbitrary_text()
    {
        Gen.String.Sample(text => { DateParser.TryParse(text, Almaty, out _); }, iter: 3000);
        Gen.String["0123456789:+-., TZFebмая"].Sample(text => { DateParser.TryParse(text, Almaty, out _); }, iter: 3000);
    }
}
