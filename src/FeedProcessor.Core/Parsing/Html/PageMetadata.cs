using System.Text.Json;
using AngleSharp.Dom;

namespace FeedProcessor.Core.Parsing.Html;

/// <summary>
/// What a page says about itself in markup readers do not see: JSON-LD (<c>NewsArticle</c> and friends, also when
/// wrapped in CDATA) and &lt;meta&gt; tags (Open Graph, article:*, Dublin Core, plain name="date|created").
/// </summary>
internal sealed class PageMetadata
{
    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting", "SocialMediaPosting",
        "ScholarlyArticle", "TechArticle", "Report", "LiveBlogPosting", "OpinionNewsArticle", "BackgroundNewsArticle",
        "PressRelease", "WebPage", "Recipe", "AdvertiserContentArticle", "SatiricalArticle", "MedicalWebPage",
    };

    /// <summary>Names and properties of &lt;meta&gt; tags that carry the publication date, most trusted first.</summary>
    private static readonly string[] DateMetas =
    [
        "article:published_time", "og:published_time", "datePublished", "dcterms.date", "dcterms.issued", "dcterms.created",
        "DC.date", "DC.date.issued", "DC.date.created", "dc.date", "date", "created", "publish-date", "publish_date",
        "pubdate", "publication_date", "parsely-pub-date", "sailthru.date", "article.published",
    ];

    /// <summary>Words meta tags use for an author that is no person: the CMS account or the site itself.</summary>
    private static readonly HashSet<string> NoAuthors = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "administrator", "administrateur", "root", "webmaster", "redaktion", "redakteur", "editor", "editorial",
        "staff", "user", "author", "unknown", "anonymous", "web", "webadmin", "site admin", "super user", "superuser",
        "администратор", "админ", "редакция", "әкімші",
    };

    private readonly IDocument document;
    private readonly List<JsonElement> articles = [];

    public PageMetadata(IDocument document)
    {
        this.document = document;
        foreach (var script in document.QuerySelectorAll("script[type]"))
        {
            if (!script.GetAttribute("type")!.Trim().Equals("application/ld+json", StringComparison.OrdinalIgnoreCase)) continue;
            var json = WithoutCData(script.TextContent);
            try
            {
                using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                CollectArticles(parsed.RootElement.Clone(), 0);
            }
            catch (JsonException)
            {
                // Broken JSON-LD is common; the other sources of metadata still apply.
            }
        }
    }

    public string? JsonLdTitle => PageTitle.OfJsonLd(JsonLd("headline"), JsonLd("name"), document.Title);

    /// <summary>The title meta tags give, in the order of trust Readability uses: Dublin Core, Open Graph, Twitter, Parse.ly.</summary>
    public string? MetaTitle =>
        Meta("dc:title") ?? Meta("dcterm:title") ?? Meta("dcterms.title") ?? Meta("dc.title") ?? Meta("og:title") ?? Meta("twitter:title") ?? Meta("parsely-title");
    public string? JsonLdDate => JsonLd("datePublished") ?? JsonLd("dateCreated");
    public string? JsonLdAuthor => JsonLdPerson("author");
    public string? JsonLdImage => JsonLdUrl("image") ?? JsonLdUrl("thumbnailUrl");

    public string? MetaDate
    {
        get
        {
            foreach (var name in DateMetas)
                if (Meta(name) is { } date) return date;
            return null;
        }
    }

    public string? Author
    {
        get
        {
            var author = JsonLdAuthor ?? Meta("author") ?? Meta("article:author") ?? Meta("dc.creator") ?? Meta("parsely-author") ?? Meta("sailthru.author");
            return author is null || IsNoAuthor(author) || Uri.IsWellFormedUriString(author, UriKind.Absolute) ? null : author;
        }
    }

    /// <summary>The names the site goes by: og:site_name and the JSON-LD publisher (application-name often holds the article's title).</summary>
    public IEnumerable<string> SiteNames()
    {
        if (Meta("og:site_name") is { } site) yield return site;
        if (JsonLdPerson("publisher") is { } publisher) yield return publisher;
    }

    public static bool IsNoAuthor(string author)
    {
        var name = author.Trim().TrimStart('@');
        return NoAuthors.Contains(name) || name.Length < 2 || !name.Any(char.IsLetter);
    }

    /// <summary>The content of the first &lt;meta&gt; whose property, name or itemprop is <paramref name="name"/>.</summary>
    public string? Meta(string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta[content]"))
        {
            foreach (var attribute in (ReadOnlySpan<string>)["property", "name", "itemprop"])
            {
                var keys = meta.GetAttribute(attribute);
                if (keys is null) continue;
                // property="og:title twitter:title" names several at once.
                foreach (var key in keys.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (name.Equals(key, StringComparison.OrdinalIgnoreCase)) return PageText.Clean(meta.GetAttribute("content"));
            }
        }
        return null;
    }

    private void CollectArticles(JsonElement element, int depth)
    {
        if (depth > 6) return;
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) CollectArticles(item, depth + 1);
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        if (IsArticle(element)) articles.Add(element);
        if (element.TryGetProperty("@graph", out var graph)) CollectArticles(graph, depth + 1);
        if (element.TryGetProperty("mainEntity", out var main)) CollectArticles(main, depth + 1);
    }

    private static bool IsArticle(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type)) return false;
        if (type.ValueKind == JsonValueKind.String) return ArticleTypes.Contains(type.GetString()!);
        return type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && ArticleTypes.Contains(t.GetString()!));
    }

    /// <summary>The property from the most specific article object: an article type before a WebPage.</summary>
    private string? JsonLd(string property)
    {
        foreach (var article in articles.OrderBy(a => IsWebPage(a) ? 1 : 0))
            if (article.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && PageText.Clean(value.GetString()) is { } text)
                return text;
        return null;
    }

    private string? JsonLdPerson(string property)
    {
        foreach (var article in articles.OrderBy(a => IsWebPage(a) ? 1 : 0))
        {
            if (!article.TryGetProperty(property, out var value)) continue;
            var names = (value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value])
                .Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()
                    : v.ValueKind == JsonValueKind.Object && v.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null)
                .Select(PageText.Clean).OfType<string>().Where(n => !IsNoAuthor(n)).ToList();
            if (names.Count > 0) return string.Join(", ", names);
        }
        return null;
    }

    private string? JsonLdUrl(string property)
    {
        foreach (var article in articles)
        {
            if (!article.TryGetProperty(property, out var value)) continue;
            if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0) value = value[0];
            if (value.ValueKind == JsonValueKind.String) return PageText.Clean(value.GetString());
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String) return PageText.Clean(url.GetString());
        }
        return null;
    }

    private static bool IsWebPage(JsonElement element) =>
        element.TryGetProperty("@type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "WebPage";

    /// <summary>JSON-LD as some CMSs write it, inside <c>//&lt;![CDATA[ … //]]&gt;</c>.</summary>
    private static string WithoutCData(string json)
    {
        var text = json.Trim();
        var start = text.IndexOf("<![CDATA[", StringComparison.Ordinal);
        if (start < 0 || start > 4) return text;
        var end = text.LastIndexOf("]]>", StringComparison.Ordinal);
        text = end > start ? text[(start + 9)..end] : text[(start + 9)..];
        return text.Trim().TrimEnd('/').Trim();
    }
}
