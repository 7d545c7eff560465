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
        // The rest of what feedparser's date handlers read
        { "Sun, 04 Feb 2024 14:30:00 AST", "2024-02-04T14:30:00-04:00" },
        { "Sun, 04 Feb 2024 14:30:00 ADT", "2024-02-04T14:30:00-03:00" },
        { "Sun Jan  4 16:29:06 PST 2004", "2004-01-04T16:29:06-08:00" },
        { "Fri, 2006/09/15 08:19:53 EDT", "2006-09-15T08:19:53-04:00" },
        { "Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-07-11T12:00:00-05:00" },
        { "Τρι, 10 Φεβ 2004 09:00:00 +0200", "2004-02-10T09:00:00+02:00" },
        { "2004-július-13T9:15+01:00", "2004-07-13T09:15:00+01:00" },
        { "2004-február-03T23:59+01:00", "2004-02-03T23:59:00+01:00" },
        { "2004년 05월 28일 01:31:15", "2004-05-28T01:31:15+00:00" },
        { "2004-05-25 오후 11:23:17", "2004-05-25T23:23:17+00:00" },
        { "2004-05-25 오전 12:03:17", "2004-05-25T00:03:17+00:00" },
        { "2004-07-08 23:56:58.0", "2004-07-08T23:56:58+00:00" },
        // ISO 8601 basic, ordinal, week and reduced forms
        { "20240204", "2024-02-04T00:00:00+00:00" },
        { "20240204T1430Z", "2024-02-04T14:30:00+00:00" },
        { "20240204T143000+0600", "2024-02-04T14:30:00+06:00" },
        { "2024-035", "2024-02-04T00:00:00+00:00" },
        { "2024035T143000Z", "2024-02-04T14:30:00+00:00" },
        { "2024-366", "2024-12-31T00:00:00+00:00" },
        { "2024-W05-7", "2024-02-04T00:00:00+00:00" },
        { "2024W057", "2024-02-04T00:00:00+00:00" },
        { "2024", "2024-01-01T00:00:00+00:00" },
        { "2024-02-04T14", "2024-02-04T14:00:00+00:00" },
        { "2024-02-04T143000Z", "2024-02-04T14:30:00+00:00" },
        { "2024-02-04T14:30:00-0330", "2024-02-04T14:30:00-03:30" },
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
        // US zones without the S or D follow daylight saving time; an IANA name stands for the offset.
        { "Mon, 15 Jan 2024 09:00:00 ET", "UTC", "2024-01-15T09:00:00-05:00" },
        { "Mon, 15 Jul 2024 09:00:00 ET", "UTC", "2024-07-15T09:00:00-04:00" },
        { "Mon, 15 Jul 2024 09:00:00 PT", "Asia/Almaty", "2024-07-15T09:00:00-07:00" },
        { "Mon, 15 Jul 2024 09:00 CT", "UTC", "2024-07-15T09:00:00-05:00" },
        { "2024-02-04 14:30 Asia/Almaty", "UTC", "2024-02-04T14:30:00+06:00" },
        { "Sun, 04 Feb 2024 14:30:00 (Europe/Moscow)", "UTC", "2024-02-04T14:30:00+03:00" },
        { "15.07.2024 09:00 America/New_York", "Asia/Almaty", "2024-07-15T09:00:00-04:00" },
        { "2024-02-04T14:30:00Z Asia/Almaty", "UTC", "2024-02-04T14:30:00+00:00" },
        // The Korean forms carry no offset either.
        { "2004년 05월 28일 01:31:15", "Asia/Seoul", "2004-05-28T01:31:15+09:00" },
        // A historical zone with seconds in its offset (local mean time) is read to the minute.
        { "1900-01-01 12:00", "Asia/Almaty", "1900-01-01T12:00:00+05:07" },
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
    [InlineData("Sun, 16 Dec 2012 11:47:32 +00:zz")]
    [InlineData("Sun, 16 Dec 2012 11:47:32 +00:")]
    [InlineData("Sun, 16 Dec 2012 11:47:32 +1500")]
    [InlineData("2024-02-04T14:30:00+15:00")]
    [InlineData("2024-02-04T14:30:00+06:99")]
    [InlineData("٢٠٢٤-٠٢-٠٤")]
    [InlineData("2023-366")]
    [InlineData("2024-W54")]
    [InlineData("2024-02-04 14:30 Not/AZone")]
    public void Rejects_what_is_not_a_date(string? text)
    {
        Assert.False(DateParser.TryParse(text, TimeZoneInfo.Utc, out _));
    }

    [Fact]
    public void A_two_digit_year_is_never_read_as_a_year_in_the_future()
    {
        var nextYear = (DateTime.UtcNow.Year + 1) % 100;
        Assert.True(DateParser.TryParse($"04 Feb {nextYear:00} 14:30:00 GMT", TimeZoneInfo.Utc, out var value));
        Assert.Equal(DateTime.UtcNow.Year + 1 - 100, value.Year);
        Assert.True(DateParser.TryParse("04 Feb 49 14:30:00 GMT", TimeZoneInfo.Utc, out var fortyNine));
        Assert.True(fortyNine.Year <= DateTime.UtcNow.Year, $"read as {fortyNine.Year}");
        Assert.True(DateParser.TryParse($"04.02.{DateTime.UtcNow.Year % 100:00}", TimeZoneInfo.Utc, out var thisYear));
        Assert.Equal(DateTime.UtcNow.Year, thisYear.Year);
    }

    [Fact]
    public void Never_throws_on_arbitrary_text()
    {
        Gen.String.Sample(text => { DateParser.TryParse(text, Almaty, out _); }, iter: 3000);
        Gen.String["0123456789:+-., TZFebмая"].Sample(text => { DateParser.TryParse(text, Almaty, out _); }, iter: 3000);
    }
}
