using AngleSharp.Dom;
using FeedProcessor.Core.Normalizing.Text;

namespace FeedProcessor.Core.Normalizing.Html;

/// <summary>
/// Plain text of sanitized HTML as paragraphs: block elements end paragraphs, &lt;br&gt; breaks lines,
/// table cells are separated by a space. Walks the tree by its links, not by recursion.
/// </summary>
internal static class HtmlTextExtractor
{
    /// <summary>Elements that end the paragraph before and after them.</summary>
    internal static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "figcaption",
        "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre",
        "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    };

    public static IReadOnlyList<Paragraph<IText>> Extract(INode root)
    {
        var writer = new ParagraphWriter<IText>();
        var node = root.FirstChild;
        while (node is not null)
        {
            Enter(node, writer);
            if (node.FirstChild is { } first) { node = first; continue; }
            while (node is not null && node != root)
            {
                Leave(node, writer);
                if (node.NextSibling is { } sibling) { node = sibling; break; }
                node = node.Parent;
            }
            if (node == root) break;
        }
        writer.EndParagraph();
        return writer.Paragraphs;
    }

    private static void Enter(INode node, ParagraphWriter<IText> writer)
    {
        switch (node)
        {
            case IText text:
                writer.Append(text.Data, text);
                break;
            case IElement element when element.LocalName == "br":
                writer.LineBreak();
                break;
            case IElement element when BlockElements.Contains(element.LocalName):
                writer.EndParagraph();
                break;
        }
    }

    private static void Leave(INode node, ParagraphWriter<IText> writer)
    {
        if (node is not IElement element) return;
        if (BlockElements.Contains(element.LocalName)) writer.EndParagraph();
        else if (element.LocalName is "td" or "th") writer.Append(" ");
    }
}
