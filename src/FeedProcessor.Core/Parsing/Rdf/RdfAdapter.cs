using FeedProcessor.Core.Parsing.Xml;

namespace FeedProcessor.Core.Parsing.Rdf;

/// <summary>Maps an RSS 1.0 item to the common entry; rdf:about is the item's identifier.</summary>
internal static class RdfAdapter
{
    public static ParsedEntry ToEntry(RdfItem item, XmlContext context) => new()
    {
        Guid = context.Resolve(item.About),
        Title = item.Title ?? item.Media.Title,
        Link = item.Link ?? context.Resolve(item.About),
        Published = item.DublinCore.Date,
        Updated = item.DublinCore.Modified,
        Author = item.DublinCore.Creator,
        Language = item.DublinCore.Language ?? item.Language,
        Categories = item.DublinCore.Subjects.ToList(),
        SummaryHtml = item.Description ?? item.Media.DescriptionHtml,
        ContentHtml = item.ContentEncoded,
        ImageUrl = item.Media.ImageUrl,
    };
}
