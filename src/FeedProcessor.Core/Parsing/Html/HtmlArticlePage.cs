using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FeedProcessor.Core.Parsing.Dates;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Parsing.Html;

/// <summary>
/// One article page of a site without a feed: title, date, main text, image, language and canonical link,
/// from the configured selectors first and then from the page's own metadata and structure.
/// </summary>
public static class HtmlArticlePage
{
    private static readonly string[] Clutter = ["nav", "header", "footer", "aside", "script", "style", "noscript", "form", "iframe", "template"];

    public static ParsedEntry Parse(string html, Uri pageUrl, HtmlSelectors? selectors)
    {
        var document = new HtmlParser().ParseDocument(html);
        var baseUri = HtmlDocuments.BaseUri(document, pageUrl);
        var canonical = Absolute(baseUri, document.QuerySelector("link[rel=canonical]")?.GetAttribute("href"));
        return new ParsedEntry
        {
            Guid = canonical ?? pageUrl.AbsoluteUri,
            Title = Title(document, selectors?.Title),
            Link = canonical ?? pageUrl.AbsoluteUri,
            Published = Date(document, selectors?.Date),
            Author = Meta(document, "author") ?? Meta(document, "article:author"),
            Language = document.DocumentElement.GetAttribute("lang")?.Trim() is { Length: > 0 } lang ? lang : Meta(document, "og:locale"),
            SummaryHtml = Meta(document, "og:description") is { } description ? WebUtility.HtmlEncode(description) : null,
            ContentHtml = MainText(document, selectors?.Content),
            ImageUrl = Absolute(baseUri, Meta(document, "og:image")),
            Site = baseUri.Host,
        };
    }

    private static string? Title(IDocument document, string? selector) =>
        NonEmpty(HtmlDocuments.Select(document, selector)?.TextContent)
        ?? Meta(document, "og:title")
        ?? NonEmpty(document.QuerySelector("h1")?.TextContent)
        ?? NonEmpty(document.Title);

    /// <summary>The date as written: selector, article:published_time, &lt;time datetime&gt;, JSON-LD datePublished, then a visible date.</summary>
    private static string? Date(IDocument document, string? selector)
    {
        var selected = HtmlDocuments.Select(document, selector);
        if (selected is not null)
            return NonEmpty(selected.GetAttribute("datetime")) ?? NonEmpty(selected.GetAttribute("content")) ?? NonEmpty(selected.TextContent);
        return Meta(document, "article:published_time")
            ?? NonEmpty(document.QuerySelector("time[datetime]")?.GetAttribute("datetime"))
            ?? JsonLdDatePublished(document)
            ?? VisibleDate(document);
    }

    private static string? JsonLdDatePublished(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script[type='application/ld+json']"))
        {
            try
            {
                using var json = JsonDocument.Parse(script.TextContent);
                if (FindProperty(json.RootElement, "datePublished", 0) is { } date) return date;
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the other date sources still apply.
            }
        }
        return null;
    }

    private static string? FindProperty(JsonElement element, string name, int depth)
    {
        if (depth > 8) return null;
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals(name) && property.Value.ValueKind == JsonValueKind.String) return NonEmpty(property.Value.GetString());
                if (FindProperty(property.Value, name, depth + 1) is { } found) return found;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                if (FindProperty(item, name, depth + 1) is { } found) return found;
        }
        return null;
    }

    /// <summary>The first short text block that reads as a date ("4 февраля 2024, 14:30", "04.02.2024").</summary>
    private static string? VisibleDate(IDocument document)
    {
        if (document.Body is null) return null;
        foreach (var element in document.Body.QuerySelectorAll("time, [class*=date], [class*=time], span, div, p"))
        {
            if (element.Children.Length > 2) continue;
            var text = NonEmpty(element.TextContent);
            if (text is null || text.Length > 60) continue;
            if (DateParser.TryParse(text, TimeZoneInfo.Utc, out _)) return text;
        }
        return null;
    }

    /// <summary>The selector's element, else &lt;article&gt;, else the element holding the most paragraph text; without page chrome.</summary>
    private static string? MainText(IDocument document, string? selector)
    {
        // A configured selector may point anywhere, even into an <aside>; the guesses must not.
        var container = HtmlDocuments.Select(document, selector);
        if (container is null)
        {
            RemoveClutter(document.DocumentElement);
            container = document.QuerySelector("article") ?? LargestParagraphBlock(document);
        }
        if (container is null) return null;
        RemoveClutter(container);
        var html = new StringBuilder();
        var paragraphs = container.QuerySelectorAll("p");
        if (paragraphs.Length == 0) return NonEmpty(container.InnerHtml);
        foreach (var paragraph in paragraphs)
            if (NonEmpty(paragraph.TextContent) is not null) html.Append(paragraph.OuterHtml);
        return NonEmpty(html.ToString());
    }

    private static void RemoveClutter(IElement root)
    {
        foreach (var element in root.QuerySelectorAll(string.Join(',', Clutter)).ToList()) element.Remove();
    }

    private static IElement? LargestParagraphBlock(IDocument document) =>
        document.QuerySelectorAll("p")
            .Where(p => p.ParentElement is not null)
            .GroupBy(p => p.ParentElement!)
            .MaxBy(g => g.Sum(p => p.TextContent.Trim().Length))?.Key;

    private static string? Meta(IDocument document, string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta[content]"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
            if (name.Equals(key, StringComparison.OrdinalIgnoreCase)) return NonEmpty(meta.GetAttribute("content"));
        }
        return null;
    }

    private static string? Absolute(Uri baseUri, string? url) =>
        url is not null && Uri.TryCreate(baseUri, url.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;

    private static string? NonEmpty(string? text)
    {
        if (text is null) return null;
        var trimmed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return trimmed.Length == 0 ? null : trimmed;
    }
}
