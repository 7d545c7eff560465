using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>Tells escaped HTML from plain text in elements that may carry either (yandex:full-text), as feedparser's lookslikehtml does.</summary>
internal static partial class HtmlDetection
{
    /// <summary>An end tag, a void or self-closed tag, or a character reference: prose alone has none of these.</summary>
    public static bool LooksLikeHtml(string text) => HtmlSigns().IsMatch(text);

    [GeneratedRegex(@"</[A-Za-z][A-Za-z0-9]*\s*>|<(?:br|hr|img|p)\b[^<>]*>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlSigns();
}
