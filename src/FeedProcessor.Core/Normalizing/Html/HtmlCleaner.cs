using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Dom;
using FeedProcessor.Core.Normalizing.Text;
using Ganss.Xss;

namespace FeedProcessor.Core.Normalizing.Html;

/// <summary>Sanitized HTML and the plain text read from it, which always agree (repairs are applied to both).</summary>
/// <param name="Paragraphs">Plain-text paragraphs; lines inside one are separated by LF.</param>
internal sealed record CleanHtml(string Html, IReadOnlyList<string> Paragraphs, string? FirstImageUrl)
{
    public static CleanHtml Empty { get; } = new("", [], null);

    /// <summary>Paragraphs separated by exactly one blank line.</summary>
    public string Text => string.Join("\n\n", Paragraphs);
}

/// <summary>Turns an untrusted HTML (or plain text) fragment into safe HTML with absolute URLs, plus its text.</summary>
internal static partial class HtmlCleaner
{
    internal const string LinkRel = "noopener noreferrer nofollow";

    public static CleanHtml Clean(string? fragment, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(fragment)) return CleanHtml.Empty;
        fragment = XmlSafeText.Clean(fragment);
        if (fragment.AsSpan().IndexOfAny('<', '&') < 0) return FromPlainText(fragment);
        if (fragment.AsSpan().Count('<') > MaxTags) return FromOverlongMarkup(fragment);
        return SimpleMarkupCleaner.TryClean(fragment, baseUrl) ?? FromHtml(fragment, baseUrl);
    }

    /// <summary>
    /// No news article needs more tags than this. Beyond it a fragment is broken or hostile (100,000 nested elements
    /// cost the HTML parser minutes of CPU), so its text is kept and its markup dropped without parsing it.
    /// </summary>
    internal const int MaxTags = 20_000;

    private static CleanHtml FromOverlongMarkup(string fragment)
    {
        var text = WebUtility.HtmlDecode(AnyTag().Replace(fragment, "\n"));
        var paragraphs = ParagraphWriter<object>.FromPlainText(text);
        var texts = new List<string>(paragraphs.Count);
        var html = new StringBuilder(text.Length + 16 * paragraphs.Count);
        foreach (var paragraph in paragraphs)
        {
            texts.Add(paragraph.Text);
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph.Text)).Append("</p>");
        }
        return new CleanHtml(html.ToString(), texts, null);
    }

    [GeneratedRegex("<[^>]*>?")]
    private static partial Regex AnyTag();

    /// <summary>The fast path: text without markup or entities needs no parser, only paragraphs and escaping.</summary>
    private static CleanHtml FromPlainText(string text)
    {
        var paragraphs = ParagraphWriter<object>.FromPlainText(text);
        var texts = new List<string>(paragraphs.Count);
        var html = new StringBuilder(text.Length + 16 * paragraphs.Count);
        foreach (var paragraph in paragraphs)
        {
            var repaired = QuotationRepair.MissingOpeningQuote(paragraph.Text) + paragraph.Text;
            texts.Add(repaired);
            // Only '>' can need escaping: the fast path is taken only when there is no '<' and no '&'.
            html.Append("<p>").Append(repaired.Replace(">", "&gt;").Replace("\n", "<br>")).Append("</p>");
        }
        return new CleanHtml(html.ToString(), texts, null);
    }

    /// <summary>The full path: the HTML5 parser and the sanitizer's DOM walk, for any markup at all.</summary>
    internal static CleanHtml FromHtml(string fragment, Uri? baseUrl)
    {
        using var document = ArticleSanitizer.Instance.SanitizeDom(fragment, baseUrl?.AbsoluteUri ?? "");
        var body = document.Body;
        if (body is null) return CleanHtml.Empty;

        NestingFlattener.Flatten(body);
        var firstImage = HardenElements(body);
        var paragraphs = HtmlTextExtractor.Extract(body);

        var texts = RepairQuotes(paragraphs, static (anchor, quote) =>
        {
            int start = anchor.Data.Length - anchor.Data.AsSpan().TrimStart().Length;
            anchor.Data = anchor.Data.Insert(start, quote);
        });
        return new CleanHtml(body.ChildNodes.ToHtml(HtmlFormatter.Instance), texts, firstImage);
    }

    /// <summary>
    /// The paragraphs' texts with lost opening quotes restored; each restored quote is also put into the text node
    /// the paragraph starts in (its anchor), so the HTML and the text agree.
    /// </summary>
    internal static List<string> RepairQuotes<TAnchor>(IReadOnlyList<Paragraph<TAnchor>> paragraphs, Action<TAnchor, string> insertAtAnchor)
        where TAnchor : class
    {
        var texts = new List<string>(paragraphs.Count);
        foreach (var paragraph in paragraphs)
        {
            var quote = QuotationRepair.MissingOpeningQuote(paragraph.Text);
            if (quote is not null && paragraph.Anchor is { } anchor)
            {
                insertAtAnchor(anchor, quote);
                texts.Add(quote + paragraph.Text);
            }
            else texts.Add(paragraph.Text);
        }
        return texts;
    }

    /// <summary>Drops tracking pixels and images without a source, marks links as untrusted; returns the first remaining image.</summary>
    private static string? HardenElements(IElement root)
    {
        string? firstImage = null;
        List<IElement>? removals = null;
        // A walk along the tree's links: a selector query would be parsed and matched anew for every article.
        INode? node = root.FirstChild;
        while (node is not null)
        {
            if (node is IElement element)
            {
                if (element.LocalName == "a")
                {
                    if (element.HasAttribute("href")) element.SetAttribute("rel", LinkRel);
                }
                else if (element.LocalName == "img")
                {
                    var src = element.GetAttribute("src");
                    if (string.IsNullOrWhiteSpace(src) || TrackingPixels.IsTrackingImage(element)) (removals ??= []).Add(element);
                    else firstImage ??= src;
                }
            }
            node = NextInDocumentOrder(node, root);
        }
        if (removals is not null)
            foreach (var element in removals) element.Remove();
        return firstImage;
    }

    private static INode? NextInDocumentOrder(INode node, INode root)
    {
        if (node.FirstChild is { } first) return first;
        while (node != root)
        {
            if (node.NextSibling is { } sibling) return sibling;
            node = node.Parent!;
        }
        return null;
    }
}
