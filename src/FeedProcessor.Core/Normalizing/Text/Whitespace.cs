using System.Text;

namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>Whitespace rules shared by titles, text extraction and paragraphs.</summary>
internal static class Whitespace
{
    /// <summary>Spaces of every kind (NBSP, thin, ideographic, tabs, line breaks) that collapse into one space.</summary>
    public static bool IsSpace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\r' or '\f' or '\v' or '\u00A0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202F' or '\u205F' or '\u3000' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    /// <summary>Invisible characters that carry nothing in news text and break matching: zero-width spaces, BOM, soft hyphen.</summary>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    /// <summary>One line: every whitespace run becomes one space, invisible characters go, ends trimmed.</summary>
    public static string Collapse(string text)
    {
        if (IsCollapsed(text)) return text;
        var builder = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (IsSpace(c)) { pendingSpace = builder.Length > 0; continue; }
            if (IsInvisible(c)) continue;
            if (pendingSpace) { builder.Append(' '); pendingSpace = false; }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static bool IsCollapsed(string text)
    {
        if (text.Length == 0) return true;
        if (text[0] == ' ' || text[^1] == ' ') return false;
        char previous = 'x';
        foreach (char c in text)
        {
            if ((IsSpace(c) && (c != ' ' || previous == ' ')) || IsInvisible(c)) return false;
            previous = c;
        }
        return true;
    }
}
