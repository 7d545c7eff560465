using System.Text.Json;
using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Parsing.Json;

/// <summary>
/// JSON Feed 1.0 and 1.1. Values of the wrong JSON type are skipped rather than failing the item;
/// a document that is not JSON at all is a <see cref="FeedParseException"/>.
/// </summary>
internal static partial class JsonFeedParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static void Parse(string json, ParseOptions options, ParsedFeed feed, Action<ParsedEntry> onEntry)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new FeedParseException($"not a feed: the document starts like JSON but is not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) && String(root, "version") is null)
                throw new FeedParseException("not a feed: the JSON document has neither \"version\" nor \"items\" (not a JSON Feed)");
            var version = String(root, "version") ?? "";
            feed.Format = version.Contains("/1.1", StringComparison.Ordinal) ? FeedFormats.Json11 : FeedFormats.Json10;
            var baseUri = Absolute(String(root, "home_page_url")) ?? options.DocumentUrl;
            feed.Title = String(root, "title");
            feed.Link = Resolve(baseUri, String(root, "home_page_url"));
            feed.Description = String(root, "description");
            feed.Language = String(root, "language");
            if (!root.TryGetProperty("items", out items) || items.ValueKind != JsonValueKind.Array)
            {
                feed.Warnings.Add("the JSON Feed has no \"items\" array");
                return;
            }
            var feedAuthors = Authors(root);
            var index = 0;
            foreach (var element in items.EnumerateArray())
            {
                index++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    feed.Warnings.Add($"skipped item {index}: not a JSON object");
                    continue;
                }
                var item = ReadItem(element, baseUri);
                onEntry(JsonFeedAdapter.ToEntry(item.Authors.Count == 0 ? item with { Authors = feedAuthors } : item, feed.Language));
            }
        }
    }

    private static JsonFeedItem ReadItem(JsonElement item, Uri? baseUri) => new()
    {
        Id = String(item, "id"),
        Url = Resolve(baseUri, String(item, "url")),
        ExternalUrl = Resolve(baseUri, String(item, "external_url")),
        Title = String(item, "title"),
        ContentHtml = String(item, "content_html"),
        ContentText = String(item, "content_text"),
        Summary = String(item, "summary"),
        Image = Resolve(baseUri, String(item, "image")),
        BannerImage = Resolve(baseUri, String(item, "banner_image")),
        DatePublished = String(item, "date_published"),
        DateModified = String(item, "date_modified"),
        Authors = Authors(item),
        Tags = item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!.Trim()).Where(t => t.Length > 0).ToList()
            : [],
        Language = String(item, "language"),
    };

    private static List<string> Authors(JsonElement element)
    {
        var names = new List<string>();
        if (element.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
            names.AddRange(authors.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.Object ? String(a, "name") : null).OfType<string>());
        if (names.Count == 0 && element.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object && String(author, "name") is { } name)
            names.Add(name);
        return names;
    }

    /// <summary>
    /// System.Text.Json refuses a string escaping half a surrogate pair ("\ud800"); such a string's surrogate
    /// escapes become U+FFFD instead of failing the whole feed with an exception no caller expects.
    /// </summary>
    private static string? StringWithLoneSurrogates(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            var repaired = EscapedSurrogate().Replace(value.GetRawText(), "\\uFFFD");
            using var document = JsonDocument.Parse(repaired);
            return document.RootElement.GetString();
        }
    }

    [GeneratedRegex(@"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")]
    private static partial Regex EscapedSurrogate();

    private static string? String(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value)) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => StringWithLoneSurrogates(value),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static Uri? Absolute(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null;

    private static string? Resolve(Uri? baseUri, string? url)
    {
        if (url is null) return null;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is not "file") return absolute.ToString();
        return baseUri is not null && Uri.TryCreate(baseUri, url, out var resolved) ? resolved.ToString() : url;
    }
}
