using System.Xml.Linq;
using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Parsing.Extensions;

/// <summary>The Dublin Core elements feeds use for author, date, language and subject.</summary>
internal sealed record DublinCore(string? Creator, string? Date, string? Modified, string? Language, IReadOnlyList<string> Subjects)
{
    private static readonly DublinCore None = new(null, null, null, null, []);

    public static DublinCore Read(XElement element) => !element.HasChildIn(XmlNamespaces.IsDublinCore) ? None : new(
        element.InNamespace(XmlNamespaces.IsDublinCore, "creator").Select(e => e.Text()).FirstOrDefault(t => t is not null)
            ?? element.InNamespace(XmlNamespaces.IsDublinCore, "publisher").Select(e => e.Text()).FirstOrDefault(t => t is not null),
        (element.InNamespace(XmlNamespaces.IsDublinCore, "date").FirstOrDefault()
            ?? element.InNamespace(XmlNamespaces.IsDublinCore, "issued").FirstOrDefault()
            ?? element.InNamespace(XmlNamespaces.IsDublinCore, "created").FirstOrDefault()).Text(),
        element.InNamespace(XmlNamespaces.IsDublinCore, "modified").FirstOrDefault().Text(),
        element.InNamespace(XmlNamespaces.IsDublinCore, "language").FirstOrDefault().Text(),
        element.InNamespace(XmlNamespaces.IsDublinCore, "subject").Select(e => e.Text()).OfType<string>().ToList());
}
