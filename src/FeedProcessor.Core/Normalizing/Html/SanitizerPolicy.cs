using System.Collections.Frozen;

namespace FeedProcessor.Core.Normalizing.Html;

/// <summary>
/// What survives sanitizing, in one place for both paths: <see cref="ArticleSanitizer"/> configures HtmlSanitizer
/// with it, and <see cref="SimpleMarkupCleaner"/> applies it directly. Kept apart from the sanitizer because building
/// that library's first instance costs about 0.4 s (its static setup), which a process whose markup all takes the
/// fast path never needs to pay.
/// </summary>
internal static class SanitizerPolicy
{
    public static readonly FrozenSet<string> AllowedTags = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite",
        "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "ins", "kbd", "li", "main",
        "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr");

    public static readonly FrozenSet<string> AllowedAttributes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "scope", "headers", "datetime",
        "cite", "lang", "dir", "start", "reversed", "abbr");

    public static readonly FrozenSet<string> AllowedSchemes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "http", "https", "mailto", "data");

    /// <summary>Attributes holding one URL, which is checked against the schemes and made absolute.</summary>
    public static readonly FrozenSet<string> UriAttributes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "href", "src", "cite");

    /// <summary>Removed together with everything inside: their content is code, chrome or invisible.</summary>
    public static readonly FrozenSet<string> DroppedWithContent = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
        "noframes", "template", "svg", "math", "form", "input", "button", "select", "textarea", "option",
        "head", "title", "meta", "link", "base", "canvas", "audio", "video", "source", "track", "map", "param");

    /// <summary>The URL, unless it is a data: URL anywhere but an image's source (there it may only be an image).</summary>
    public static string? FilterDataUrl(string tagName, string? url) =>
        url is not null && url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
        && !(tagName == "img" && url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
            ? null
            : url;
}
