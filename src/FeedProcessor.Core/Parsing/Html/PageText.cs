namespace FeedProcessor.Core.Parsing.Html;

internal static class PageText
{
    /// <summary>The text with runs of whitespace made one space and trimmed; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var trimmed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return trimmed.Length == 0 ? null : trimmed;
    }
}
