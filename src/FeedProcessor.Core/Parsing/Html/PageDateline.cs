using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace FeedProcessor.Core.Parsing.Html;

/// <summary>
/// The date a page shows near its headline, in the languages served (ru, kk, de, en): a line that is only a date,
/// "Stand 27.01.2022", "Date: July 15, 2011", "Lübeck, 31. März 2003", "Bern, 17.08.2007 - Rede von …".
/// A date needs a day, a month and a year: a bare number such as 1636 is never a date. Dates inside teasers of
/// other articles (a linked card, a related-news list, an aside) are not the page's.
/// </summary>
internal static partial class PageDateline
{
    private static readonly Dictionary<string, int> Months = new(StringComparer.OrdinalIgnoreCase)
    {
        ["januar"] = 1, ["jänner"] = 1, ["jan"] = 1, ["january"] = 1, ["februar"] = 2, ["feber"] = 2, ["feb"] = 2, ["february"] = 2,
        ["märz"] = 3, ["maerz"] = 3, ["mär"] = 3, ["mar"] = 3, ["march"] = 3, ["april"] = 4, ["apr"] = 4, ["mai"] = 5, ["may"] = 5,
        ["juni"] = 6, ["jun"] = 6, ["june"] = 6, ["juli"] = 7, ["jul"] = 7, ["july"] = 7, ["august"] = 8, ["aug"] = 8,
        ["september"] = 9, ["sep"] = 9, ["sept"] = 9, ["oktober"] = 10, ["okt"] = 10, ["oct"] = 10, ["october"] = 10,
        ["november"] = 11, ["nov"] = 11, ["dezember"] = 12, ["dez"] = 12, ["dec"] = 12, ["december"] = 12,
        ["января"] = 1, ["январь"] = 1, ["февраля"] = 2, ["февраль"] = 2, ["марта"] = 3, ["март"] = 3, ["апреля"] = 4, ["апрель"] = 4,
        ["мая"] = 5, ["май"] = 5, ["июня"] = 6, ["июнь"] = 6, ["июля"] = 7, ["июль"] = 7, ["августа"] = 8, ["август"] = 8,
        ["сентября"] = 9, ["сентябрь"] = 9, ["октября"] = 10, ["октябрь"] = 10, ["ноября"] = 11, ["ноябрь"] = 11, ["декабря"] = 12, ["декабрь"] = 12,
        ["қаңтар"] = 1, ["ақпан"] = 2, ["наурыз"] = 3, ["сәуір"] = 4, ["мамыр"] = 5, ["маусым"] = 6, ["шілде"] = 7, ["тамыз"] = 8,
        ["қыркүйек"] = 9, ["қазан"] = 10, ["қараша"] = 11, ["желтоқсан"] = 12,
    };

    /// <summary>Blocks after the headline looked at for a dateline; dates further down belong to the text.</summary>
    private const int BlocksAfterHeadline = 25;

    /// <summary>Elements whose text is one line of the page.</summary>
    private const string Blocks = "p, div, span, time, li, dd, dt, td, small, em, strong, b, h2, h3, h4, h5, h6";

    /// <summary>
    /// The day a page's address names, as blogs and news sites build them: /2016/02/28/slug, /2016-02-28-slug, /2020-02/19/c_1125597921.htm.
    /// A year and month alone (/2014/03/slug) name no day. Null when the address names none.
    /// </summary>
    public static string? InAddress(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        var match = AddressDate().Match(uri.AbsolutePath);
        if (!match.Success) return null;
        int year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        int month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        int day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        return year is >= 1990 and <= 2100 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;
    }

    [GeneratedRegex(@"/(?<y>(?:19|20)\d\d)[/-](?<m>[01]?\d)[/-](?<d>[0-3]?\d)(?:[/-]|$)")]
    private static partial Regex AddressDate();

    /// <summary>The date as ISO 8601 (yyyy-MM-dd, with THH:mm when the line gives a time), or null.</summary>
    public static string? Find(IDocument document, IElement? headline, string? selfUrl)
    {
        if (document.Body is null) return null;
        var blocks = document.Body.QuerySelectorAll(Blocks).Where(b => !PageTeasers.IsOutsideArticle(b, headline, selfUrl)).ToList();
        var start = headline is null ? 0 : blocks.FindIndex(b => headline.CompareDocumentPosition(b).HasFlag(DocumentPositions.Following));
        if (start < 0) start = blocks.Count;
        // Near the headline first (the lines after it, then those just before it: a date above the h1), then a
        // "Stand"/"Date:" line anywhere in the article, which ministries put at the end.
        var near = blocks.Skip(start).Take(BlocksAfterHeadline).Concat(blocks.Take(start).TakeLast(8));
        foreach (var block in near)
            if (Read(OwnLine(block)) is { } date) return date;
        foreach (var block in blocks)
            if (Labelled().Match(OwnLine(block)) is { Success: true } label && ToIso(label) is { } date) return date;
        return null;
    }

    /// <summary>The block's text when it is one short line: blocks holding others are read through their children.</summary>
    private static string OwnLine(IElement block)
    {
        var text = PageText.Clean(block.TextContent) ?? "";
        return text.Length > 200 ? text[..200] : text;
    }

    /// <summary>
    /// A date that is the whole line, or follows a label ("Stand", "Date:", "Veröffentlicht am") or a place
    /// ("Lübeck, "), optionally followed by a time and " - " and more text.
    /// </summary>
    internal static string? Read(string line)
    {
        if (line.Length == 0) return null;
        var match = Dateline().Match(line);
        if (!match.Success) return null;
        return ToIso(match);
    }

    private static string? ToIso(Match match)
    {
        int year, month, day;
        if (match.Groups["iso"].Success)
        {
            (year, month, day) = (Number(match, "isoYear"), Number(match, "isoMonth"), Number(match, "isoDay"));
        }
        else
        {
            (year, day) = (Number(match, "year"), Number(match, "day"));
            month = match.Groups["month"].Success ? Number(match, "month") : Months.GetValueOrDefault(match.Groups["monthName"].Value.TrimEnd('.'));
        }
        if (month is < 1 or > 12 || day < 1 || year is < 1970 or > 2100 || day > DateTime.DaysInMonth(year, month)) return null;
        var date = $"{year:D4}-{month:D2}-{day:D2}";
        if (match.Groups["hour"].Success && Number(match, "hour") < 24) date += $"T{Number(match, "hour"):D2}:{match.Groups["minute"].Value}";
        return date;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // One date: 17.08.2007 | 31. März 2003 | 4 февраля 2024 г. | July 15, 2011 | 2024-02-04 | 2024 жылғы 4 ақпан.
    private const string Date = @"(?:(?<day>\d{1,2})\.\s?(?<month>\d{1,2})\.\s?(?<year>(?:19|20)\d\d)"
        + @"|(?<day>\d{1,2})(?:\.|st|nd|rd|th)?\s+(?<monthName>\p{L}{3,9}\.?),?\s+(?<year>(?:19|20)\d\d)(?:\s*(?:г\.|года|ж\.))?"
        + @"|(?<monthName>\p{L}{3,9}\.?)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>(?:19|20)\d\d)"
        + @"|(?<iso>(?<isoYear>(?:19|20)\d\d)-(?<isoMonth>\d\d)-(?<isoDay>\d\d))"
        + @"|(?<year>(?:19|20)\d\d)\s+жылғы\s+(?<day>\d{1,2})\s+(?<monthName>\p{L}{3,9}))";

    private const string Time = @"(?:,?\s*(?:um\s+|at\s+|в\s+|-\s+)?(?<hour>\d{1,2})[:.](?<minute>\d\d)(?:\s*(?:Uhr|h))?)?";

    /// <summary>A weekday before the date: "Dienstag 6. Mai 2014", "Tuesday, May 6, 2014".</summary>
    private const string Weekday = @"(?:(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
        + @"|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Mo|Di|Mi|Do|Fr|Sa|So|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
        + @"|дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі)\.?,?\s+)?";

    /// <summary>
    /// Weekday, label, place or byline before the date: "Montag, ", "Stand: ", "Erstellt am Dienstag ", "am ",
    /// "Date: ", "Lübeck, ", "Yngrid · ", "Опубликовано ".
    /// </summary>
    private const string Lead = @"(?:(?:\p{L}+\.?,?\s+)?(?:Stand|Datum|Date|Published|Posted|Updated|Last\s+updated|Released|Veröffentlicht(?:\s+am)?|Erstellt(?:\s+am)?|Aktualisiert(?:\s+am)?|Pressemitteilung\s+vom|vom|am|on|Дата|Опубликовано|Обновлено|Жарияланды|Жарияланған\s+күні)\s*(?:on\s+|am\s+)?[:\-–—]?\s*"
        + @"|[\p{Lu}][\p{L}.\-' ]{1,30},\s+(?:(?:den|le|am)\s+)?"
        + @"|(?:(?:von|by)\s+)?[\p{Lu}][\p{L}.\-' ]{1,30}\s+[·⋅|•]\s+)?" + Weekday;

    [GeneratedRegex("^" + Lead + Date + Time + @"(?:\s*(?:$|[-–—|/•·⋅]\s*|\s+\()|[.:]\s)", RegexOptions.IgnoreCase)]
    private static partial Regex Dateline();

    /// <summary>
    /// A labelled date wherever the line is, whatever follows it: "Stand 27.01.2022", "Date: July 15, 2011",
    /// "Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter …", "Geschrieben von Cooper am 25.08.2015 22:30".
    /// </summary>
    [GeneratedRegex(@"(?:^|\s)(?:Stand|Datum|Date|(?:Veröffentlicht|Erstellt|Geschrieben|Publiziert)\s+am|(?:Posted|Published)\s+on|Дата|Опубликовано"
        + @"|(?:Geschrieben|Verfasst|Erstellt|Posted|Written|Published)\s+(?:von|by)\s+[^,;|]{1,40}?\s+(?:am|on))\s*[:\-–—]?\s*" + Weekday + Date + Time,
        RegexOptions.IgnoreCase)]
    private static partial Regex Labelled();
}
