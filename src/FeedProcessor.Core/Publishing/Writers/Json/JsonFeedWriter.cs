using System.Text.Encodings.Web;
using System.Text.Json;
using FeedProcessor.Core.Normalizing;

namespace FeedProcessor.Core.Publishing.Writers.Json;

/// <summary>JSON Feed 1.1, with a <c>_feedprocessor</c> extension on each item naming its source and the other sources of the story.</summary>
public sealed class JsonFeedWriter : IFeedWriter
{
    public const string Version = "https://jsonfeed.org/version/1.1";

    private static readonly JsonWriterOptions Options = new()
    {
        // Readers decode any escape; keeping non-ASCII literal keeps Cyrillic and Kazakh text small and legible.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public string ContentType => "application/feed+json; charset=utf-8";

    public void Write(FeedDocument document, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Options);
        json.WriteStartObject();
        json.WriteString("version", Version);
        WriteText(json, "title", document.Title);
        json.WriteString("home_page_url", document.HomeUrl);
        json.WriteString("feed_url", document.SelfUrl);
        if (document.NextUrl is { } next) json.WriteString("next_url", next);
        WriteText(json, "description", document.Description);
        if (document.Language is { } language) WriteText(json, "language", language);

        json.WriteStartArray("items");
        foreach (var article in document.Items) WriteItem(json, article, document);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteItem(Utf8JsonWriter json, Article article, FeedDocument document)
    {
        json.WriteStartObject();
        json.WriteString("id", ArticleContent.Guid(article));
        if (FeedUrls.AbsoluteHttp(article.Url) is { } url) json.WriteString("url", url);
        WriteText(json, "title", article.Title);
        WriteText(json, "content_html", ArticleContent.Html(article, document));
        WriteText(json, "content_text", article.ContentText);
        if (!string.IsNullOrWhiteSpace(article.Summary)) WriteText(json, "summary", article.Summary);
        if (FeedUrls.AbsoluteHttp(article.ImageUrl) is { } image) json.WriteString("image", image);
        json.WriteString("date_published", FeedDates.Rfc3339(article.Published ?? article.FirstSeen));
        json.WriteString("date_modified", FeedDates.Rfc3339(ArticleContent.LastChanged(article)));

        json.WriteStartArray("authors");
        json.WriteStartObject();
        WriteText(json, "name", ArticleContent.AuthorName(article, document));
        json.WriteEndObject();
        json.WriteEndArray();

        var tags = article.Categories.Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        if (tags.Count > 0)
        {
            json.WriteStartArray("tags");
            foreach (var tag in tags) json.WriteStringValue(SafeText.Clean(tag));
            json.WriteEndArray();
        }
        if (LanguageTags.IsWellFormed(article.Language)) WriteText(json, "language", article.Language);

        json.WriteStartObject("_feedprocessor");
        WriteText(json, "source_id", article.SourceId);
        WriteText(json, "source_title", ArticleContent.SourceName(article, document));
        if (document.SourceFeedUrl(article) is { } sourceUrl) json.WriteString("source_url", sourceUrl);
        json.WriteStartArray("also_published_by");
        foreach (var sourceId in article.AlsoPublishedBy) json.WriteStringValue(SafeText.Clean(sourceId));
        json.WriteEndArray();
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string name, string text) => json.WriteString(name, SafeText.Clean(text));
}
