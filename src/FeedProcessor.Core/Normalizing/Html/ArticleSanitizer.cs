using AngleSharp;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace FeedProcessor.Core.Normalizing.Html;

/// <summary>
/// The one configured allowlist sanitizer (building it is not cheap), for the markup <see cref="SimpleMarkupCleaner"/>
/// declines. Its policy is <see cref="SanitizerPolicy"/>. Keeps the structure and media of an
/// article; drops everything that runs code, loads active content, styles or submits: script, style, iframe,
/// object, embed, forms, event handlers, style attributes, javascript:/vbscript: URLs, and data: URLs other
/// than data:image/* in img src. Relative URLs are made absolute against the base given per call.
/// </summary>
internal static class ArticleSanitizer
{
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

        Replace(sanitizer.AllowedTags, SanitizerPolicy.AllowedTags);
        Replace(sanitizer.AllowedAttributes, SanitizerPolicy.AllowedAttributes);
        Replace(sanitizer.AllowedSchemes, SanitizerPolicy.AllowedSchemes);
        Replace(sanitizer.UriAttributes, SanitizerPolicy.UriAttributes);
        sanitizer.UriListAttributes.Clear();
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();

        sanitizer.RemovingTag += (_, e) =>
        {
            if (!SanitizerPolicy.DroppedWithContent.Contains(e.Tag.LocalName)) return;
            while (e.Tag.FirstChild is { } child) e.Tag.RemoveChild(child);
        };
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = SanitizerPolicy.FilterDataUrl(e.Tag.LocalName, e.SanitizedUrl);
        return sanitizer;
    }

    private static void Replace(ISet<string> set, IEnumerable<string> values)
    {
        set.Clear();
        set.UnionWith(values);
    }
}
