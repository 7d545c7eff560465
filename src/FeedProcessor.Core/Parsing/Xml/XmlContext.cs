using System.Xml.Linq;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>What an element inherits from its ancestors: the xml:base for relative URLs and the xml:lang.</summary>
internal sealed record XmlContext(Uri? BaseUri, string? Language)
{
    private static readonly XName BaseAttribute = XNamespace.Xml + "base";
    private static readonly XName LangAttribute = XNamespace.Xml + "lang";

    /// <summary>The context inside an element that declares xml:base / xml:lang (the values read from its attributes).</summary>
    public XmlContext Enter(string? xmlBase, string? xmlLang)
    {
        var context = this;
        if (!string.IsNullOrWhiteSpace(xmlBase) && ToUri(xmlBase) is { } uri) context = context with { BaseUri = uri };
        if (!string.IsNullOrWhiteSpace(xmlLang)) context = context with { Language = xmlLang.Trim() };
        return context;
    }

    /// <summary>The context of an element inside a loaded entry: the entry's context plus each xml:base down to it (nested bases resolve against their parent's).</summary>
    public XmlContext Within(XElement element)
    {
        var context = this;
        foreach (var ancestor in element.AncestorsAndSelf().Reverse())
            context = context.Enter((string?)ancestor.Attribute(BaseAttribute), (string?)ancestor.Attribute(LangAttribute));
        return context;
    }

    /// <summary>An absolute URL when one can be made; a relative URL stays as written when there is no base.</summary>
    public string? Resolve(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        url = url.Trim();
        return ToUri(url)?.ToString() ?? url;
    }

    private Uri? ToUri(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is not "file") return absolute;
        if (BaseUri is { IsAbsoluteUri: true } && Uri.TryCreate(BaseUri, url, out var resolved)) return resolved;
        return null;
    }
}
