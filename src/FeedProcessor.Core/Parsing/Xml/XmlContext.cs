using System.Xml.Linq;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>What an element inherits from its ancestors: the xml:base for relative URLs and the xml:lang.</summary>
internal sealed record XmlContext(Uri? BaseUri, string? Language)
{
    /// <summary>Whether <see cref="BaseUri"/> comes from an xml:base in the document rather than from its address.</summary>
    public bool BaseDeclared { get; private init; }

    /// <summary>The declared xml:base in scope of this element, for the HTML it carries; null when none is declared.</summary>
    public string? DeclaredBaseFor(XElement? element) =>
        element is not null && Within(element) is { BaseDeclared: true, BaseUri: { IsAbsoluteUri: true } uri } ? uri.AbsoluteUri : null;

    private static readonly XName BaseAttribute = XNamespace.Xml + "base";
    private static readonly XName LangAttribute = XNamespace.Xml + "lang";

    /// <summary>The context inside an element that declares xml:base / xml:lang (the values read from its attributes).</summary>
    public XmlContext Enter(string? xmlBase, string? xmlLang)
    {
        var context = this;
        if (!string.IsNullOrWhiteSpace(xmlBase) && ToUri(xmlBase) is { } uri) context = context with { BaseUri = uri, BaseDeclared = true };
        if (!string.IsNullOrWhiteSpace(xmlLang)) context = context with { Language = xmlLang.Trim() };
        return context;
    }

    /// <summary>The element this context was made for by <see cref="Within"/>; its own and its ancestors' attributes are already applied.</summary>
    private XElement? Scope { get; init; }

    /// <summary>
    /// The context of an element inside a loaded entry: this context plus each xml:base and xml:lang from below
    /// <see cref="Scope"/> down to the element (nested bases resolve against their parent's; none is applied twice).
    /// </summary>
    public XmlContext Within(XElement element)
    {
        var chain = new List<XElement>(4);
        for (var node = element; node is not null && node != Scope; node = node.Parent) chain.Add(node);
        var context = this;
        for (var i = chain.Count - 1; i >= 0; i--)
            context = context.Enter((string?)chain[i].Attribute(BaseAttribute), (string?)chain[i].Attribute(LangAttribute));
        return context with { Scope = element };
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
