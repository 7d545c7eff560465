using System.Net;

namespace FeedProcessor.Core.Parsing.Atom;

/// <summary>Maps an Atom entry to the common entry: the alternate link, plain-text constructs escaped into HTML fields.</summary>
internal static class AtomAdapter
{
    public static ParsedEntry ToEntry(AtomEntry entry) => new()
    {
        Guid = entry.Id,
        Title = entry.Title?.Value ?? entry.Media.Title,
        TitleIsPlainText = entry.Title is { IsHtml: false },
        // Without a link, an id that is a web address is the entry's address (feedparser agrees).
        Link = AlternateLink(entry.Links) ?? (Rss.RssAdapter.IsWebUrl(entry.Id?.Trim()) ? entry.Id!.Trim() : null),
        Published = entry.Published ?? entry.DublinCore.Date ?? entry.Updated,
        Updated = entry.Updated ?? entry.DublinCore.Modified,
        Author = entry.Authors.FirstOrDefault() ?? entry.DublinCore.Creator,
        Language = entry.Language ?? entry.DublinCore.Language,
        Categories = entry.Categories.Concat(entry.DublinCore.Subjects).Distinct(StringComparer.Ordinal).ToList(),
        SummaryHtml = AsHtml(entry.Summary) ?? entry.Media.DescriptionHtml,
        ContentHtml = AsHtml(entry.Content),
        ContentBaseUrl = entry.ContentBaseUrl,
        ImageUrl = entry.Links.FirstOrDefault(l => l.Rel == "enclosure" && l.Type?.StartsWith("image/", StringComparison.Ordinal) == true)?.Href
            ?? entry.Media.ImageUrl,
    };

    /// <summary>rel="alternate" (the default), HTML first; else the first link that is not a self/edit/enclosure link.</summary>
    private static string? AlternateLink(IReadOnlyList<AtomLink> links) =>
        links.FirstOrDefault(l => l.Rel == "alternate" && l.Type is null or "text/html")?.Href
        ?? links.FirstOrDefault(l => l.Rel == "alternate")?.Href
        ?? links.FirstOrDefault(l => l.Rel is not ("self" or "edit" or "enclosure" or "replies" or "license"))?.Href;

    private static string? AsHtml(AtomText? text) => text is null ? null : text.IsHtml ? text.Value : WebUtility.HtmlEncode(text.Value);
}
