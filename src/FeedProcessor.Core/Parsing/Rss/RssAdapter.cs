using System.Text.RegularExpressions;
using FeedProcessor.Core.Parsing.Extensions;

namespace FeedProcessor.Core.Parsing.Rss;

/// <summary>Maps an RSS item to the common entry.</summary>
internal static partial class RssAdapter
{
    public static ParsedEntry ToEntry(RssItem item)
    {
        var entry = new ParsedEntry
        {
            Guid = item.Guid,
            GuidIsPermaLink = item.Guid is null ? null : item.GuidIsPermaLink,
            Title = item.Title ?? item.Media.Title,
            // A permalink guid is the item's address when <link> is missing (RSS 2.0 spec; feedparser agrees).
            Link = item.Link ?? item.AtomLink ?? (item.GuidIsPermaLink && IsWebUrl(item.Guid) ? item.Guid : null),
            Published = item.PubDate ?? item.DublinCore.Date,
            Updated = item.DublinCore.Modified,
            Author = AuthorName(item.Author) ?? item.DublinCore.Creator ?? item.Itunes.Author,
            Language = item.DublinCore.Language ?? item.Language,
            Categories = item.Categories.Concat(item.DublinCore.Subjects).Distinct(StringComparer.Ordinal).ToList(),
            SummaryHtml = item.Description ?? item.Media.DescriptionHtml,
            ContentHtml = item.ContentEncoded ?? FullTextToHtml(item.YandexFullText),
            ContentBaseUrl = item.ContentBaseUrl,
            ImageUrl = item.Enclosures.FirstOrDefault(IsImage)?.Url ?? item.Media.ImageUrl ?? item.Itunes.ImageUrl,
        };
        return entry;
    }

    /// <summary>
    /// yandex:full-text holds the article as plain text with line breaks, or as escaped HTML (&amp;lt;p&amp;gt;,
    /// &amp;amp;nbsp;): the latter is decoded as HTML, as feedparser does with text that looks like HTML.
    /// </summary>
    private static string? FullTextToHtml(string? text) => text is null ? null
        : Xml.HtmlDetection.LooksLikeHtml(text) ? text
        : string.Concat(text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => "<p>" + System.Net.WebUtility.HtmlEncode(line) + "</p>"));

    private static bool IsImage(RssEnclosure enclosure) =>
        enclosure.Type is { } type ? type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) : MediaRss.LooksLikeImageUrl(enclosure.Url);

    internal static bool IsWebUrl(string? url) =>
        url is not null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>RSS &lt;author&gt; is an e-mail address, often "mail@example.org (Name)" or "Name &lt;mail@example.org&gt;": keep the name.</summary>
    internal static string? AuthorName(string? author)
    {
        if (string.IsNullOrWhiteSpace(author)) return null;
        var match = EmailWithName().Match(author);
        if (match.Success) return match.Groups["name"].Value.Trim();
        match = NameWithEmail().Match(author);
        if (match.Success && match.Groups["name"].Value.Trim().Length > 0) return match.Groups["name"].Value.Trim().Trim('"');
        return author.Trim();
    }

    [GeneratedRegex(@"^\s*\S+@\S+\s*\((?<name>[^)]+)\)\s*$")]
    private static partial Regex EmailWithName();

    [GeneratedRegex(@"^(?<name>[^<]*)<\S+@\S+>\s*$")]
    private static partial Regex NameWithEmail();
}
