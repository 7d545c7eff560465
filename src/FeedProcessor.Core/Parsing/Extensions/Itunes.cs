using System.Xml.Linq;
using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Parsing.Extensions;

/// <summary>The iTunes podcast elements that carry an author and an image.</summary>
internal sealed record Itunes(string? Author, string? ImageUrl)
{
    public static Itunes Read(XElement element, XmlContext context)
    {
        var image = element.InNamespace(XmlNamespaces.IsItunes, "image").FirstOrDefault();
        return new(
            element.InNamespace(XmlNamespaces.IsItunes, "author").FirstOrDefault().Text(),
            image is null ? null : context.Within(image).Resolve(image.Attr("href") ?? image.Text()));
    }
}
