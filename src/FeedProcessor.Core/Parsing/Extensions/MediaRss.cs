using System.Xml.Linq;
using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Parsing.Extensions;

/// <summary>Media RSS: the item's image from media:content (image medium or type), media:thumbnail, or inside media:group.</summary>
internal sealed record MediaRss(string? ImageUrl, string? Title, string? Description)
{
    private static readonly MediaRss None = new(null, null, null);

    public static MediaRss Read(XElement element, XmlContext context)
    {
        if (!element.HasChildIn(XmlNamespaces.IsMedia)) return None;
        var scopes = element.InNamespace(XmlNamespaces.IsMedia, "group").Prepend(element).ToList();
        string? image = null;
        foreach (var scope in scopes)
        {
            image ??= scope.InNamespace(XmlNamespaces.IsMedia, "content")
                .Where(IsImage).Select(c => context.Within(c).Resolve(c.Attr("url"))).FirstOrDefault(u => u is not null);
            image ??= scope.InNamespace(XmlNamespaces.IsMedia, "thumbnail")
                .Select(t => context.Within(t).Resolve(t.Attr("url"))).FirstOrDefault(u => u is not null);
        }
        return new(
            image,
            scopes.SelectMany(s => s.InNamespace(XmlNamespaces.IsMedia, "title")).FirstOrDefault().Text(),
            scopes.SelectMany(s => s.InNamespace(XmlNamespaces.IsMedia, "description")).FirstOrDefault().Text());
    }

    private static bool IsImage(XElement content)
    {
        var medium = content.Attr("medium");
        if (medium is not null) return medium.Equals("image", StringComparison.OrdinalIgnoreCase);
        var type = content.Attr("type");
        if (type is not null) return type.StartsWith("image/", StringComparison.OrdinalIgnoreCase);
        return LooksLikeImageUrl(content.Attr("url"));
    }

    public static bool LooksLikeImageUrl(string? url)
    {
        if (url is null) return false;
        var path = url.Split('?', '#')[0];
        return path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".gif", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith(".webp", StringComparison.OrdinalIgnoreCase);
    }
}
