using System.Text;

namespace FeedProcessor.Core.Publishing;

/// <summary>
/// The one definition of text that may leave the publisher: characters XML 1.0 allows, minus C0/C1 controls
/// (except tab and line breaks), non-characters and lone surrogates, which readers reject or show as boxes.
/// </summary>
public static class SafeText
{
    public static bool IsAllowed(char c) =>
        c switch
        {
            '\t' or '\n' or '\r' => true,
            < '\u0020' => false,
            >= '\u007F' and <= '\u009F' => false,
            '\uFFFE' or '\uFFFF' => false,
            _ => true,
        };

    /// <summary>Returns <paramref name="text"/> itself when it is clean, which is the common case.</summary>
    public static string Clean(string text)
    {
        var firstBad = FirstDisallowed(text);
        if (firstBad < 0) return text;

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, firstBad);
        for (var i = firstBad; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[i + 1]);
                    i++;
                }
            }
            else if (!char.IsLowSurrogate(c) && IsAllowed(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static int FirstDisallowed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return i;
            }
            if (char.IsLowSurrogate(c) || !IsAllowed(c)) return i;
        }
        return -1;
    }
}
