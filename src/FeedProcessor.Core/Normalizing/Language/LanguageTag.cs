using System.Text;

namespace FeedProcessor.Core.Normalizing.Language;

/// <summary>Normalizes declared languages to BCP 47 case conventions: "RU" → "ru", "en_us" → "en-US", "zh-hant-tw" → "zh-Hant-TW".</summary>
public static class LanguageTag
{
    /// <summary>The normalized tag, or null when <paramref name="value"/> is not a well-formed tag.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var subtags = value.Trim().Replace('_', '-').Split('-');
        if (subtags[0].Length is < 2 or > 8 || !IsAsciiLetters(subtags[0])) return null;

        var builder = new StringBuilder(value.Length);
        builder.Append(subtags[0].ToLowerInvariant());
        for (int i = 1; i < subtags.Length; i++)
        {
            var subtag = subtags[i];
            if (subtag.Length is < 1 or > 8 || !subtag.All(char.IsAsciiLetterOrDigit)) return null;
            builder.Append('-');
            if (subtag.Length == 2 && IsAsciiLetters(subtag)) builder.Append(subtag.ToUpperInvariant());
            else if (subtag.Length == 4 && IsAsciiLetters(subtag))
                builder.Append(char.ToUpperInvariant(subtag[0])).Append(subtag[1..].ToLowerInvariant());
            else builder.Append(subtag.ToLowerInvariant());
        }
        return builder.ToString();
    }

    private static bool IsAsciiLetters(string text) => text.All(char.IsAsciiLetter);
}
