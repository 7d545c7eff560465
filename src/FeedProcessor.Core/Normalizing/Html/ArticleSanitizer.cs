using AngleSharp;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace FeedProcessor.Core.Normalizing.Html;

/// <summary>
/// The one configured allowlist sanitizer (building it is not cheap). Keeps the structure and media of an
/// article; drops everything that runs code, loads active content, styles or submits: script, style, iframe,
/// object, embed, forms, event handlers, style attributes, javascript:/vbscript: URLs, and data: URLs other
/// than data:image/* in img src. Relative URLs are made absolute against the base given per call.
/// </summary>
internal static class ArticleSanitizer
{
    /// <summary>Removed together with everything inside: their content is code, chrome or invisible.</summary>
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
        "noframes", "template", "svg", "math", "form", "input", "button", "select", "textarea", "option",
        "head", "title", "meta", "link", "base", "canvas", "audio", "video", "source", "track", "map", "param",
    };

    [ThreadStatic] private static HtmlParser? _parser;

    public static HtmlSanitizer Instance { get; } = Create();

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer { KeepChildNodes = true, AllowDataAttributes = false };
        // The library's default parser is one shared instance; each thread gets its own instead. Its context has no
        // CSS engine: no style element or attribute is allowed, so styles are removed unread, and building the CSS
        // model of every document was a seventh of the parse.
        sanitizer.HtmlParserFactory = () => _parser ??= new HtmlParser(
            new HtmlParserOptions { IsScripting = true, DisableElementPositionTracking = true },
            BrowsingContext.New(Configuration.Default));

        Replace(sanitizer.AllowedTags,
        [
            "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite",
            "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
            "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main",
            "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
            "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
        ]);
        Replace(sanitizer.AllowedAttributes,
        [
            "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "scope", "headers", "datetime",
            "cite", "lang", "dir", "start", "reversed", "abbr",
        ]);
        Replace(sanitizer.AllowedSchemes, ["http", "https", "mailto", "data"]);
        Replace(sanitizer.UriAttributes, ["href", "src", "cite"]);
        sanitizer.UriListAttributes.Clear();
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();

        sanitizer.RemovingTag += (_, e) =>
        {
            if (!DroppedWithContent.Contains(e.Tag.LocalName)) return;
            while (e.Tag.FirstChild is { } child) e.Tag.RemoveChild(child);
        };
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = FilterDataUrl(e.Tag.LocalName, e.SanitizedUrl);
        return sanitizer;
    }

    /// <summary>The URL, unless it is a data: URL anywhere but an image's source (there it may only be an image).</summary>
    internal static string? FilterDataUrl(string tagName, string? url) =>
        url is not null && url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
        && !(tagName == "img" && url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
            ? null
            : url;

    private static void Replace(ISet<string> set, string[] values)
    {
        set.Clear();
        set.UnionWith(values);
    }
}
