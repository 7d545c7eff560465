using System.Net;
using FeedProcessor.Core.Normalizing;

namespace FeedProcessor.Core.Publishing.Writers;

/// <summary>What the formats share about an article's body and identity.</summary>
public static class ArticleContent
{
    /// <summary>A guid that stays the same when the article's URL changes, and that no validator mistakes for a URL.</summary>
    public static string Guid(Article article) => "urn:feedprocessor:article:" + article.Id;

    /// <summary>
    /// The sanitized HTML, followed by a short "Also published by" line when other sources ran the same story:
    /// every reader shows it, where a custom element or category would be hidden or misread as a tag.
    /// </summary>
    public static string Html(Article article, FeedDocument document)
    {
        if (article.AlsoPublishedBy.Count == 0) return article.ContentHtml;
        var names = string.Join(", ", article.AlsoPublishedBy.Select(id => WebUtility.HtmlEncode(document.SourceTitle(id))));
        return $"{article.ContentHtml}<p><small>Also published by: {names}</small></p>";
    }

    /// <summary>The author readers show: the article's byline, else the publishing source.</summary>
    public static string AuthorName(Article article, FeedDocument document) =>
        string.IsNullOrWhiteSpace(article.Author) ? SourceName(article, document) : article.Author;

    /// <summary>The publishing source's title; validators reject an empty one, so fall back to the configured title or id.</summary>
    public static string SourceName(Article article, FeedDocument document) =>
        string.IsNullOrWhiteSpace(article.SourceTitle) ? document.SourceTitle(article.SourceId) : article.SourceTitle;

    /// <summary>When the article last changed, as Atom's required updated and JSON Feed's date_modified.</summary>
    public static DateTimeOffset LastChanged(Article article) => article.Updated ?? article.Published ?? article.FirstSeen;
}
