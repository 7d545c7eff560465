using System.Net;
using System.Xml.Linq;
using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Parsing.Extensions;

/// <summary>
/// Media RSS: the item's image from media:content (image medium or type), else any media:thumbnail (of the item, of a
/// media:group, or of a media:content such as a video's still); its title; and its text (media:description, else
/// media:text) as HTML, for items whose only body it is.
/// </summary>
internal sealed record MediaRss(string? ImageUrl, string? Title, string? DescriptionHtml)
{
    private static readonly MediaRss None = new(null, null, null);

    public static MediaRss Read(XElement element, XmlContext context)
    {
        if (!element.HasChildIn(XmlNamespaces.IsMedia)) return None;
        var groups = element.InNamespace(XmlNamespaces.IsMedia, "group").Prepend(element).ToList();
        var contents = groups.SelectMany(g => g.InNamespace(XmlNamespaces.IsMedia, "content")).ToList();
        var scopes = groups.Concat(contents).ToList();
        var image = contents.Where(IsImage).Select(c => context.Within(c).Resolve(c.Attr("url"))).FirstOrDefault(u => u is not null)
            ?? scopes.SelectMany(s => s.InNamespace(XmlNamespaces.IsMedia, "thumbnail"))
                .Select(t => context.Within(t).Resolve(t.Attr("url"))).FirstOrDefault(u => u is not null);
        return new(
            image,
            scopes.SelectMany(s => s.InNamespace(XmlNamespaces.IsMedia, "title")).FirstOrDefault().Text(),
            TextAsHtml(scopes, "description") ?? TextAsHtml(scopes, "text"));
    }

    /// <summary>The first non-empty element of that name as HTML: type="html" is markup, the default "plain" is text.</summary>
    private static string? TextAsHtml(List<XElement> scopes, string name)
    {
        foreach (var element in scopes.SelectMany(s => s.InNamespace(XmlNamespaces.IsMedia, name)))
        {
            if ("html".Equals(element.Attr("type")?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                if (element.Markup() is { } markup) return markup;
            }
            else if (element.Text() is { } text) return WebUtility.HtmlEncode(text);
        }
        return null;
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
