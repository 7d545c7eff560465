using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Parsing.Dates;

/// <summary>An IANA zone name written where the offset belongs: "2024-02-04 14:30 Asia/Almaty", "… (Europe/Moscow)".</summary>
internal static partial class NamedZone
{
    /// <summary>Splits off a trailing IANA zone name; false (and nothing split) when the text ends in none.</summary>
    public static bool TrySplit(string text, out string rest, out TimeZoneInfo zone)
    {
        rest = text;
        zone = TimeZoneInfo.Utc;
        var match = TrailingZone().Match(text);
        if (!match.Success) return false;
        try
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(match.Groups["id"].Value, out var found)) return false;
            zone = found;
        }
        catch (Exception e) when (e is ArgumentException or InvalidTimeZoneException or System.Security.SecurityException)
        {
            return false;
        }
        rest = text[..match.Index].TrimEnd();
        return rest.Length > 0;
    }

    /// <summary>Area/Location (Etc/GMT+3, America/Argentina/Buenos_Aires), alone or in parentheses, at the end.</summary>
    [GeneratedRegex(@"\s+\(?(?<id>[A-Z][A-Za-z]+(?:/[A-Za-z0-9_+\-]+){1,2})\)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingZone();
}
