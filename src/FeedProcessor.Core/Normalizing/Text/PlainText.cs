using System.Net;
using FeedProcessor.Core.Normalizing.Html;

namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>One line of plain text from a field that may hold markup or entities (titles, authors, categories).</summary>
internal static class PlainText
{
    /// <summary>Tags are stripped (scripts with their content) and entities decoded exactly once; whitespace collapsed.</summary>
    public static string FromInlineHtml(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "";
        if (value.Contains('<')) value = string.Join(' ', HtmlCleaner.Clean(value, null).Paragraphs);
        else if (value.Contains('&')) value = WebUtility.HtmlDecode(value);
        return Whitespace.Collapse(XmlSafeText.Clean(value));
    }
}
