using System.Buffers;
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

    /// <summary>Every character <see cref="IsSpace"/> or <see cref="IsInvisible"/> accepts, for vectorized scans over the ordinary text between them.</summary>
    public static readonly SearchValues<char> SpacesAndInvisibles = SearchValues.Create(
        " \t\n\r\f\v\u00A0\u1680\u2028\u2029\u202F\u205F\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
        + "\u200B\u200C\u200D\u2060\uFEFF\u00AD");

    /// <summary>As <see cref="SpacesAndInvisibles"/> without the plain space, which a collapsed line may contain (alone).</summary>
    private static readonly SearchValues<char> NotCollapsed = SearchValues.Create(
        "\t\n\r\f\v\u00A0\u1680\u2028\u2029\u202F\u205F\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A"
        + "\u200B\u200C\u200D\u2060\uFEFF\u00AD");

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
        return !text.AsSpan().ContainsAny(NotCollapsed) && !text.Contains("  ", StringComparison.Ordinal);
    }
}
