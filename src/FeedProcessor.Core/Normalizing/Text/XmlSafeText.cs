using System.Buffers;
using System.Text;

namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>
/// Removes what XML 1.0 cannot carry (and what the W3C validator flags): C0/C1 control characters other than
/// tab and line feed, lone surrogates, U+FFFE/U+FFFF. CR and CRLF become LF. Runs first on every input string,
/// so nothing later has to worry about them.
/// </summary>
internal static class XmlSafeText
{
    public static string Clean(string text)
    {
        int first = FirstUnsafeIndex(text);
        if (first < 0) return text;

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[i + 1]);
                    i++;
                }
                continue;
            }
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                continue;
            }
            if (IsUnsafeSingle(c)) continue;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>Everything that may need a change, surrogates included: a valid pair is then skipped over.</summary>
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => c == '\r' || char.IsSurrogate(c) || IsUnsafeSingle(c))));

    private static int FirstUnsafeIndex(string text)
    {
        int i = 0;
        while (true)
        {
            int found = text.AsSpan(i).IndexOfAny(Suspicious);
            if (found < 0) return -1;
            i += found;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i += 2; continue; }
            return i;
        }
    }

    private static bool IsUnsafeSingle(char c) =>
        (c < 0x20 && c != '\t' && c != '\n')
        || (c >= 0x7F && c <= 0x9F)
        || char.IsLowSurrogate(c)
        || c == '\uFFFE' || c == '\uFFFF';
}
