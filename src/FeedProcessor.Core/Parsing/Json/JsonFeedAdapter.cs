using System.Net;

namespace FeedProcessor.Core.Parsing.Json;

/// <summary>Maps a JSON Feed item to the common entry; content_text becomes escaped HTML.</summary>
internal static class JsonFeedAdapter
{
    public static ParsedEntry ToEntry(JsonFeedItem item, string? feedLanguage) => new()
    {
        Guid = item.Id,
        Title = item.Title,
        TitleIsPlainText = true, // JSON Feed titles are plain text by the spec
        Link = item.Url ?? item.ExternalUrl,
        Published = item.DatePublished ?? item.DateModified,
        Updated = item.DateModified,
        Author = item.Authors.FirstOrDefault(),
        Language = item.Language ?? feedLanguage,
        Categories = item.Tags.ToList(),
        SummaryHtml = item.Summary is null ? null : WebUtility.HtmlEncode(item.Summary),
        ContentHtml = item.ContentHtml ?? (item.ContentText is null ? null : PlainTextToHtml(item.ContentText)),
        ImageUrl = item.Image ?? item.BannerImage,
    };

    private static string PlainTextToHtml(string text) =>
        string.Concat(text.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => "<p>" + WebUtility.HtmlEncode(p) + "</p>"));
}
