using System.Collections.Frozen;

namespace FeedProcessor.Core.Parsing.Dates;

/// <summary>The words dates are written with: month names (en, ru, kk), zone abbreviations, and words to skip.</summary>
internal static class DateWords
{
    private static readonly FrozenDictionary<string, int> ExactMonths = new Dictionary<string, int>
    {
        ["jan"] = 1, ["january"] = 1, ["feb"] = 2, ["february"] = 2, ["mar"] = 3, ["march"] = 3, ["apr"] = 4, ["april"] = 4,
        ["may"] = 5, ["jun"] = 6, ["june"] = 6, ["jul"] = 7, ["july"] = 7, ["aug"] = 8, ["august"] = 8,
        ["sep"] = 9, ["sept"] = 9, ["september"] = 9, ["oct"] = 10, ["october"] = 10, ["nov"] = 11, ["november"] = 11,
        ["dec"] = 12, ["december"] = 12,
        ["май"] = 5, ["мая"] = 5, ["мамыр"] = 5,
        // Greek, as feedparser reads them (ISO-8859-7 feeds; some write Μάώ for March).
        ["ιαν"] = 1, ["φεβ"] = 2, ["μάώ"] = 3, ["μαώ"] = 3, ["μαρ"] = 3, ["απρ"] = 4, ["μάι"] = 5, ["μαϊ"] = 5, ["μαι"] = 5,
        ["ιούν"] = 6, ["ιον"] = 6, ["ιουν"] = 6, ["ιούλ"] = 7, ["ιολ"] = 7, ["ιουλ"] = 7, ["αύγ"] = 8, ["αυγ"] = 8,
        ["σεπ"] = 9, ["οκτ"] = 10, ["νοέ"] = 11, ["νοε"] = 11, ["δεκ"] = 12,
        // Hungarian, in full and abbreviated.
        ["január"] = 1, ["február"] = 2, ["febr"] = 2, ["március"] = 3, ["márc"] = 3, ["április"] = 4, ["ápr"] = 4,
        ["május"] = 5, ["máj"] = 5, ["június"] = 6, ["jún"] = 6, ["július"] = 7, ["júl"] = 7, ["augusztus"] = 8,
        ["szeptember"] = 9, ["szept"] = 9, ["október"] = 10, ["okt"] = 10,
    }.ToFrozenDictionary();

    /// <summary>Russian and Kazakh stems; the word may add a case ending (февраля, февраль, ақпанда).</summary>
    private static readonly (string Stem, int Month)[] CyrillicStems =
    [
        ("январ", 1), ("янв", 1), ("феврал", 2), ("фев", 2), ("март", 3), ("мар", 3), ("апрел", 4), ("апр", 4),
        ("июн", 6), ("июл", 7), ("август", 8), ("авг", 8), ("сентябр", 9), ("сент", 9), ("сен", 9),
        ("октябр", 10), ("окт", 10), ("ноябр", 11), ("ноя", 11), ("декабр", 12), ("дек", 12),
        ("қаңтар", 1), ("ақпан", 2), ("наурыз", 3), ("сәуір", 4), ("мамыр", 5), ("маусым", 6), ("шілде", 7),
        ("тамыз", 8), ("қыркүйек", 9), ("қазан", 10), ("қараша", 11), ("желтоқсан", 12),
    ];

    private static readonly FrozenSet<string> Skipped = new[]
    {
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday",
        "sat", "saturday", "sun", "sunday", "at", "on", "of", "the", "th", "st", "nd", "rd",
        "пн", "вт", "ср", "чт", "пт", "сб", "вс", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
        "воскресенье", "г", "гг", "года", "год", "в", "ж", "жыл", "жылы", "жылғы", "сағат",
        "дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі",
        "κυρ", "δευ", "τρι", "τετ", "πεμ", "παρ", "σαβ",
    }.ToFrozenSet();

    /// <summary>
    /// US zones named without the S or D ("ET", "PT"): standard or daylight time as the date falls, from the IANA rules.
    /// </summary>
    private static readonly FrozenDictionary<string, string> RegionalZones = new Dictionary<string, string>
    {
        ["et"] = "America/New_York", ["ct"] = "America/Chicago", ["mt"] = "America/Denver", ["pt"] = "America/Los_Angeles",
        ["at"] = "America/Halifax", ["akt"] = "America/Anchorage",
    }.ToFrozenDictionary();

    /// <summary>Offsets in minutes of the zone names feeds write (RFC 822 names plus the region's own).</summary>
    private static readonly FrozenDictionary<string, int> Zones = new Dictionary<string, int>
    {
        ["ut"] = 0, ["utc"] = 0, ["gmt"] = 0, ["z"] = 0, ["wet"] = 0, ["west"] = 60, ["bst"] = 60,
        ["est"] = -300, ["edt"] = -240, ["cst"] = -360, ["cdt"] = -300, ["mst"] = -420, ["mdt"] = -360,
        ["pst"] = -480, ["pdt"] = -420, ["ast"] = -240, ["adt"] = -180, ["akst"] = -540, ["akdt"] = -480, ["hst"] = -600,
        ["cet"] = 60, ["cest"] = 120, ["met"] = 60, ["mest"] = 120, ["eet"] = 120, ["eest"] = 180,
        ["msk"] = 180, ["msd"] = 240, ["samt"] = 240, ["yekt"] = 300, ["omst"] = 360, ["novt"] = 420, ["krat"] = 420,
        ["irkt"] = 480, ["yakt"] = 540, ["vlat"] = 600, ["almt"] = 360, ["almst"] = 420, ["qyzt"] = 360, ["aqtt"] = 300,
        ["orat"] = 300, ["uzt"] = 300, ["kgt"] = 360, ["ist"] = 330, ["pkt"] = 300, ["sgt"] = 480, ["hkt"] = 480,
        ["jst"] = 540, ["kst"] = 540, ["aest"] = 600, ["aedt"] = 660, ["nzst"] = 720, ["nzdt"] = 780,
        ["мск"] = 180,
    }.ToFrozenDictionary();

    public static int Month(string word)
    {
        if (ExactMonths.TryGetValue(word, out var month)) return month;
        if (word.Length < 3 || word[0] < 'а') return 0;
        foreach (var (stem, number) in CyrillicStems)
            if (word.StartsWith(stem, StringComparison.Ordinal) && word.Length <= stem.Length + 4) return number;
        return 0;
    }

    public static bool IsSkipped(string word) => Skipped.Contains(word);

    public static bool TryRegionalZone(string word, out TimeZoneInfo? zone)
    {
        zone = null;
        return RegionalZones.TryGetValue(word, out var id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }

    public static bool TryZone(string word, out int offsetMinutes)
    {
        if (Zones.TryGetValue(word, out offsetMinutes)) return true;
        // RFC 822 military zones; J is not used. RFC 1123 warns their signs were often inverted, so only "z" is trusted above.
        if (word.Length == 1 && word[0] is >= 'a' and <= 'y' and not 'j')
        {
            var c = word[0];
            offsetMinutes = c <= 'i' ? (c - 'a' + 1) * 60 : c <= 'm' ? (c - 'k' + 10) * 60 : -(c - 'n' + 1) * 60;
            return true;
        }
        return false;
    }
}
