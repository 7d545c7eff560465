using FeedProcessor.Core.Normalizing.Duplicates;
using FeedProcessor.Core.Normalizing.Html;
using FeedProcessor.Core.Normalizing.Identity;
using FeedProcessor.Core.Normalizing.Language;
using FeedProcessor.Core.Normalizing.Text;
using FeedProcessor.Core.Normalizing.Urls;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Parsing.Dates;

namespace FeedProcessor.Core.Normalizing;

/// <summary>Entry point of the normalizing stage: one parsed entry in, one clean article out.</summary>
public sealed class ArticleNormalizer
{
    public const int MaxSummaryLength = 300;

    /// <summary>Clocks of publishers and ours disagree by a little; only dates beyond this are "in the future".</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    /// <summary>One instance serves the whole process: the sanitizer it holds is expensive to configure.</summary>
    public static ArticleNormalizer Shared { get; } = new();

    private readonly Action<string>? _beforeFieldRead;

    public ArticleNormalizer() { }

    /// <param name="beforeFieldRead">Called inside each field's guard before its reader runs, with the field's name
    /// (one of <see cref="FieldGuard.Fields"/>): lets a test make any one reader fail.</param>
    internal ArticleNormalizer(Action<string> beforeFieldRead) => _beforeFieldRead = beforeFieldRead;

    /// <summary>
    /// Never throws on bad input: every field is read behind its own guard (<see cref="FieldGuard"/>), so whatever
    /// cannot be read is left empty (or null) and explained in <paramref name="warnings"/>; everything else of the entry
    /// is kept. Throws only on null arguments or a context without a source id.
    /// </summary>
    public Article Normalize(ParsedEntry entry, NormalizeContext context, ICollection<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(context.SourceId, nameof(context));

        void Warn(string message) =>
            warnings?.Add($"{context.SourceId}: item {Describe(entry)}: {message}");
        var field = new FieldGuard(Warn, _beforeFieldRead);

        var url = field.Read("link", null, () => ReadLink(entry.Link, context.SourceUrl, Warn));
        var baseUrl = url is not null ? new Uri(url) : context.SourceUrl;
        // Relative URLs in the HTML resolve against the xml:base in scope of it (RFC 4287 §2), else the article's address.
        var htmlBase = field.Read("content", baseUrl, () => UrlCleaner.ToAbsolute(entry.ContentBaseUrl, null) ?? baseUrl);

        var hasContent = !string.IsNullOrWhiteSpace(entry.ContentHtml);
        var content = field.Read("content", CleanHtml.Empty, () => HtmlCleaner.Clean(hasContent ? entry.ContentHtml : entry.SummaryHtml, htmlBase));
        // Many feeds repeat the body as the description: the same HTML is cleaned once.
        var summary = field.Read("summary", "", () =>
        {
            var summarySource = hasContent && !string.IsNullOrWhiteSpace(entry.SummaryHtml) && entry.SummaryHtml != entry.ContentHtml
                ? HtmlCleaner.Clean(entry.SummaryHtml, htmlBase)
                : content;
            var text = Summarize(summarySource.Paragraphs);
            return text.Length == 0 ? Summarize(content.Paragraphs) : text;
        });

        var published = field.Read("published", null, () => ReadDate(entry.Published, "published", context, Warn)
                         ?? (string.IsNullOrWhiteSpace(entry.Published) ? ReadDate(entry.Updated, "updated", context, Warn) : null));
        var updated = field.Read("updated", null, () =>
            string.IsNullOrWhiteSpace(entry.Published) ? null : ReadDate(entry.Updated, "updated", context, Warn));
        if (updated <= published) updated = null;

        var site = field.Read("site", null, () => SiteOf(entry.Site, url, context.SourceUrl));
        var contentText = content.Text;
        var title = field.Read("title", LastResortTitle(context, published), () => TitleCleaner.Clean(entry.Title,
            SiteNames(context, site, entry.Site), [contentText, summary], LastResortTitle(context, published), entry.TitleIsPlainText));

        return new Article
        {
            Id = ArticleIdentity.Compute(context.SourceId, entry, url is null ? null : UrlCleaner.Canonicalize(url)),
            SourceId = context.SourceId,
            SourceTitle = context.SourceTitle,
            SourceUrl = context.SourceUrl?.AbsoluteUri,
            Site = site,
            Title = title,
            Url = url,
            Published = published,
            Updated = updated,
            FirstSeen = context.FetchedAt,
            FetchedAt = context.FetchedAt,
            Author = field.Read("author", null, () => NullIfEmpty(PlainText.FromInlineHtml(entry.Author))),
            Language = field.Read("language", null, () => LanguageOf(entry, context, title, contentText.Length > 0 ? contentText : summary, Warn)),
            Categories = field.Read("categories", [], () => CategoriesOf(entry.Categories)),
            Summary = summary,
            ContentHtml = content.Html,
            ContentText = contentText,
            ImageUrl = field.Read("image", null, () => LeadImage(entry.ImageUrl, baseUrl, htmlBase, content.FirstImageUrl)),
            ContentHash = Hashes.Short(title, contentText),
            SimHash = SimHash.Compute(contentText.Length > 0 ? contentText : title),
        };
    }

    private static string? ReadLink(string? link, Uri? sourceUrl, Action<string> warn)
    {
        var url = UrlCleaner.Clean(link, sourceUrl);
        if (url is null && !string.IsNullOrWhiteSpace(link))
            warn($"link \"{Shorten(link)}\" is not an http(s) URL; the article has no link");
        return url;
    }

    private static string Summarize(IReadOnlyList<string> paragraphs)
    {
        // Only the head of a long text can end up in the summary; joining all of it would be wasted work.
        var head = new System.Text.StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            if (head.Length > 0) head.Append(' ');
            head.Append(paragraph);
            if (head.Length > 2 * MaxSummaryLength) break;
        }
        return Truncation.AtWordBoundary(PlainText.WithoutMarkup(Whitespace.Collapse(head.ToString())), MaxSummaryLength);
    }

    private static DateTimeOffset? ReadDate(string? text, string field, NormalizeContext context, Action<string> warn)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateParser.TryParse(text, context.TimeZone, out var value))
        {
            warn($"unreadable {field} date \"{Shorten(text)}\"; left empty");
            return null;
        }
        if (context.FetchedAt != default && value > context.FetchedAt + FutureTolerance)
        {
            warn($"{field} date {value:O} is in the future; set to the fetch time {context.FetchedAt:O}");
            return context.FetchedAt;
        }
        return value;
    }

    private static string? SiteOf(string? declared, string? url, Uri? sourceUrl)
    {
        var site = PlainText.FromInlineHtml(declared);
        if (site.Length > 0)
            return UrlCleaner.SiteHost(site) ?? UrlCleaner.SiteHost("https://" + site) ?? site;
        return UrlCleaner.SiteHost(url) ?? UrlCleaner.SiteHost(sourceUrl?.AbsoluteUri);
    }

    private static List<string> SiteNames(NormalizeContext context, string? site, string? declaredSite)
    {
        var names = new List<string>(4) { context.SourceTitle };
        if (site is not null) names.Add(site);
        if (!string.IsNullOrWhiteSpace(declaredSite)) names.Add(declaredSite.Trim());
        if (UrlCleaner.SiteHost(context.SourceUrl?.AbsoluteUri) is { } sourceHost) names.Add(sourceHost);
        return names;
    }

    private static string LastResortTitle(NormalizeContext context, DateTimeOffset? published)
    {
        var name = string.IsNullOrWhiteSpace(context.SourceTitle) ? context.SourceId : Whitespace.Collapse(context.SourceTitle);
        return published is { } date ? $"{name}, {date:yyyy-MM-dd}" : name;
    }

    private static string? LanguageOf(ParsedEntry entry, NormalizeContext context, string title, string text, Action<string> warn)
    {
        foreach (var (declared, origin) in new[] { (entry.Language, "item"), (context.FeedLanguage, "feed"), (context.SourceLanguage, "source") })
        {
            if (string.IsNullOrWhiteSpace(declared)) continue;
            if (LanguageTag.Normalize(declared) is { } tag) return tag;
            warn($"{origin} language \"{Shorten(declared)}\" is not a language tag; ignored");
        }
        // The title is evidence too: a headline-only item still has a language.
        return LanguageDetector.Detect(text.Length == 0 ? title : title + "\n" + text);
    }

    private static List<string> CategoriesOf(List<string>? categories)
    {
        var result = new List<string>();
        if (categories is null) return result;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in categories)
        {
            var category = PlainText.FromInlineHtml(raw);
            if (category.Length > 0 && seen.Add(category)) result.Add(category);
        }
        return result;
    }

    private static string? LeadImage(string? declared, Uri? baseUrl, Uri? htmlBase, string? firstContentImage)
    {
        if (UrlCleaner.Clean(declared, baseUrl) is { } image && !TrackingPixels.IsTrackerUrl(image)) return image;
        return UrlCleaner.Clean(firstContentImage, htmlBase);
    }

    private static string Describe(ParsedEntry entry) =>
        $"\"{Shorten(entry.Link ?? entry.Guid ?? entry.Title ?? "(no link, guid or title)")}\"";

    private static string Shorten(string text) => Truncation.AtWordBoundary(Whitespace.Collapse(XmlSafeText.Clean(text)), 120);

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
