using System.Net;
using System.Text.RegularExpressions;
using FeedProcessor.Core.Normalizing.Html;

namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>One line of plain text from a field that may hold markup or entities (titles, authors, categories, summaries).</summary>
internal static partial class PlainText
{
    /// <summary>
    /// Tags are stripped (scripts with their content) and entities decoded exactly once (<c>&amp;amp;amp;</c> stays
    /// <c>&amp;amp;</c> as text); whitespace collapsed. Markup that only appears after decoding (double-escaped
    /// <c>&amp;lt;b&amp;gt;</c>) is stripped too, so plain text never carries anything a careless reader would run as a tag.
    /// </summary>
    public static string FromInlineHtml(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        if (value.Contains('<')) value = TextOf(value);
        else if (value.Contains('&')) value = WebUtility.HtmlDecode(value);
        return WithoutMarkup(Whitespace.Collapse(XmlSafeText.Clean(value)));
    }

    /// <summary>Plain text with tag-like sequences removed; entities it contains as text are not decoded again.</summary>
    public static string WithoutMarkup(string text)
    {
        if (!TagLike().IsMatch(text)) return text;
        return Whitespace.Collapse(TextOf(text.Replace("&", "&amp;")));
    }

    private static string TextOf(string html) => string.Join(' ', HtmlCleaner.Clean(html, null).Paragraphs);

    [GeneratedRegex(@"<[\p{L}/!?]")]
    private static partial Regex TagLike();
}
