using AngleSharp.Dom;

namespace FeedProcessor.Core.Parsing.Html;

internal static class HtmlDocuments
{
    /// <summary>The &lt;base href&gt; when the page sets one, else the page's own URL.</summary>
    public static Uri BaseUri(IDocument document, Uri pageUrl)
    {
        var href = document.QuerySelector("base[href]")?.GetAttribute("href");
        return href is not null && Uri.TryCreate(pageUrl, href.Trim(), out var baseUri) ? baseUri : pageUrl;
    }

    /// <summary>Elements matching a selector from configuration; an invalid selector matches nothing rather than failing the poll.</summary>
    public static IEnumerable<IElement> SelectAll(IDocument document, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector)) return [];
        try
        {
            return document.QuerySelectorAll(selector).ToList();
        }
        catch (DomException)
        {
            return [];
        }
    }

    public static IElement? Select(IDocument document, string? selector) => SelectAll(document, selector).FirstOrDefault();
}
