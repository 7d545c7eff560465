using System.Text;
using System.Xml.Linq;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>Reading helpers for the small per-entry trees: element names match case-insensitively (feeds write &lt;Item&gt;, &lt;PUBDATE&gt;).</summary>
internal static class XElementReading
{
    /// <summary>Children with this local name in the format's own namespace (or none: RSS has none, and sloppy RDF and Atom omit it).</summary>
    public static IEnumerable<XElement> Core(this XElement parent, string localName, string? formatNamespace = null)
    {
        foreach (var child in parent.Elements())
            if (child.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase)
                && (child.Name.NamespaceName.Length == 0 || child.Name.NamespaceName == formatNamespace))
                yield return child;
    }

    public static XElement? FirstCore(this XElement parent, string localName, string? formatNamespace = null)
        => parent.Core(localName, formatNamespace).FirstOrDefault();

    /// <summary>Children with this local name in namespaces the predicate accepts.</summary>
    public static IEnumerable<XElement> InNamespace(this XElement parent, Func<string, bool> isNamespace, string localName)
    {
        foreach (var child in parent.Elements())
            if (child.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase) && isNamespace(child.Name.NamespaceName))
                yield return child;
    }

    /// <summary>Whether any child is in a namespace the predicate accepts: most items use no extension, and one look spares each extension's many.</summary>
    public static bool HasChildIn(this XElement parent, Func<string, bool> isNamespace)
    {
        foreach (var child in parent.Elements())
            if (child.Name.NamespaceName.Length > 0 && isNamespace(child.Name.NamespaceName)) return true;
        return false;
    }

    public static string? Attr(this XElement element, string localName)
    {
        foreach (var attribute in element.Attributes())
            if (!attribute.IsNamespaceDeclaration && attribute.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase))
                return attribute.Value;
        return null;
    }

    /// <summary>The element's text, trimmed; null when empty.</summary>
    public static string? Text(this XElement? element)
    {
        if (element is null) return null;
        // A lone text or CDATA child is read as it is; XElement.Value would copy it through a StringBuilder.
        var value = (element.FirstNode is XText only && only.NextNode is null ? only.Value : element.Value).Trim();
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// HTML carried by the element: its text when escaped or in CDATA, or the serialized child elements when
    /// the publisher put raw (well-formed) markup in it.
    /// </summary>
    public static string? Markup(this XElement? element)
    {
        if (element is null) return null;
        if (!element.HasElements) return element.Text();
        var html = new StringBuilder();
        foreach (var node in element.Nodes())
            html.Append(node is XCData cdata ? cdata.Value : node is XText text ? System.Net.WebUtility.HtmlEncode(text.Value) : node.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces));
        var result = html.ToString().Trim();
        return result.Length == 0 ? null : result;
    }
}
