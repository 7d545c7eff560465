using System.Globalization;

namespace FeedProcessor.Core.Parsing.Dates;

/// <summary>
/// The liberal reader for dates that are not ISO or dd.MM.yyyy: a hand-written tokenizer over words, numbers,
/// times and offsets ("Sun, 4 Feb 24 9:05:00 GMT+6", "4 февраля 2024 г., 14:30", "February 4, 2024 2:30 PM").
/// Any word it does not know makes the text "not a date": guessing on prose gives wrong dates.
/// </summary>
internal static class DateTokens
{
    public static bool TryRead(ReadOnlySpan<char> text, out DateParts parts)
    {
        parts = default;
        Span<int> numbers = stackalloc int[4];
        Span<int> numberLengths = stackalloc int[4];
        var numberCount = 0;
        bool hasTime = false, pm = false, am = false, zoneWordSeen = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsDigit(c))
            {
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i == start) return false; // non-ASCII digits
                var digits = text[start..i];
                if (i < text.Length && text[i] == ':' && !hasTime)
                {
                    if (!ReadTime(text, start, ref i, ref parts)) return false;
                    hasTime = true;
                    continue;
                }
                if (digits.Length > 4 || numberCount == numbers.Length) return false;
                numbers[numberCount] = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                numberLengths[numberCount++] = digits.Length;
                continue;
            }
            if ((c == '+' || c == '-') && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (hasTime || zoneWordSeen))
            {
                var start = ++i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || (text[i] == ':' && i - start == 2))) i++;
                var digits = text[start..i];
                if (digits.Length > 5 || !DateParser.TryOffsetFromDigits(c == '-' ? -1 : 1, digits, out var offset)) return false;
                parts.OffsetMinutes = (parts.OffsetMinutes ?? 0) + offset;
                continue;
            }
            if (char.IsLetter(c))
            {
                var start = i;
                while (i < text.Length && char.IsLetter(text[i])) i++;
                var word = text[start..i].ToString().ToLowerInvariant();
                var month = DateWords.Month(word);
                if (month != 0 && parts.Month == 0) parts.Month = month;
                // "a.m." / "p.m." need their dot: a lone "A" after the time is the military zone.
                else if ((word is "am" || word is "a" && i < text.Length && text[i] == '.') && hasTime && PeriodFollowsTime(text, start)) am = true;
                else if ((word is "pm" || word is "p" && i < text.Length && text[i] == '.') && hasTime && PeriodFollowsTime(text, start)) pm = true;
                else if (hasTime && DateWords.TryZone(word, out var zoneOffset))
                {
                    parts.OffsetMinutes = zoneOffset;
                    zoneWordSeen = true;
                }
                else if (hasTime && DateWords.TryRegionalZone(word, out var region))
                {
                    parts.Zone = region;
                    zoneWordSeen = true;
                }
                // The ISO date-time separator in otherwise worded dates: "2004-július-13T9:15+01:00".
                else if (word is "t" && !hasTime && i < text.Length && char.IsAsciiDigit(text[i])) { }
                else if (!DateWords.IsSkipped(word)) return false;
                if (word is "a" or "p" && (am || pm) && text[i..].StartsWith(".m", StringComparison.OrdinalIgnoreCase)) i += 2;
                // abbreviations with a dot: "фев.", "a.m."
                while (i < text.Length && text[i] == '.') i++;
                continue;
            }
            if (char.IsWhiteSpace(c) || c is ',' or '.' or '-' or '/' or '(' or ')' or '«' or '»' or '"' or '\'' or '|') { i++; continue; }
            return false;
        }

        if (pm && parts.Hour is >= 1 and < 12) parts.Hour += 12;
        if (am && parts.Hour == 12) parts.Hour = 0;
        return AssignNumbers(numbers[..numberCount], numberLengths[..numberCount], ref parts);
    }

    private static bool PeriodFollowsTime(ReadOnlySpan<char> text, int wordStart)
    {
        var before = text[..wordStart].TrimEnd();
        return before.Length > 0 && char.IsAsciiDigit(before[^1]);
    }

    /// <summary>h:mm, h:mm:ss, h:mm:ss.fff starting at <paramref name="start"/>.</summary>
    private static bool ReadTime(ReadOnlySpan<char> text, int start, ref int i, ref DateParts parts)
    {
        Span<int> fields = stackalloc int[3];
        var count = 0;
        i = start;
        while (count < 3)
        {
            var fieldStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i == fieldStart || i - fieldStart > 2) return false;
            fields[count++] = int.Parse(text[fieldStart..i], NumberStyles.None, CultureInfo.InvariantCulture);
            if (i < text.Length && text[i] == ':' && count < 3) i++;
            else break;
        }
        if (count < 2) return false;
        parts.Hour = fields[0];
        parts.Minute = fields[1];
        parts.Second = count == 3 ? fields[2] : 0;
        if (count == 3 && i + 1 < text.Length && text[i] is '.' or ',' && char.IsAsciiDigit(text[i + 1]))
        {
            var fractionStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            parts.FractionTicks = DateParser.Fraction(text[fractionStart..i]);
        }
        return true;
    }

    /// <summary>With a month word: the numbers are day and year in either order. Without: y-m-d, d-m-y or m/d/y.</summary>
    private static bool AssignNumbers(ReadOnlySpan<int> numbers, ReadOnlySpan<int> lengths, ref DateParts parts)
    {
        if (parts.Month != 0)
        {
            if (numbers.Length != 2) return false;
            var (dayIndex, yearIndex) = lengths[0] == 4 || numbers[0] > 31 ? (1, 0) : (0, 1);
            parts.Day = numbers[dayIndex];
            parts.Year = lengths[yearIndex] <= 2 ? DateParts.ExpandTwoDigitYear(numbers[yearIndex]) : numbers[yearIndex];
            return lengths[dayIndex] <= 2;
        }
        if (numbers.Length != 3) return false;
        if (lengths[0] == 4) (parts.Year, parts.Month, parts.Day) = (numbers[0], numbers[1], numbers[2]);
        else if (lengths[2] is 4 or 2)
        {
            parts.Year = lengths[2] == 2 ? DateParts.ExpandTwoDigitYear(numbers[2]) : numbers[2];
            (parts.Day, parts.Month) = numbers[1] > 12 ? (numbers[1], numbers[0]) : (numbers[0], numbers[1]);
        }
        else return false;
        return true;
    }
}
