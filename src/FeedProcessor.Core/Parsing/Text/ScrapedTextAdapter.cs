using System.Net;
using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Parsing.Text;

/// <summary>Maps a scraped article to one entry: one &lt;p&gt; per paragraph, the site from the title's last " | " segment.</summary>
internal static partial class ScrapedTextAdapter
{
    public static ParsedEntry ToEntry(ScrapedArticle article) => new()
    {
        Title = article.PageTitle.Length == 0 ? null : article.PageTitle,
        Published = article.Date,
        Site = SiteOf(article.PageTitle),
        ContentHtml = string.Concat(article.Paragraphs.Select(p => "<p>" + WebUtility.HtmlEncode(p) + "</p>")),
    };

    /// <summary>"Images | primeminister.kz" → "primeminister.kz": the domain-like token of the last segment.</summary>
    internal static string? SiteOf(string title)
    {
        var bar = title.LastIndexOf(" | ", StringComparison.Ordinal);
        if (bar < 0) return null;
        var match = DomainToken().Match(title[(bar + 3)..]);
        return match.Success ? match.Value.ToLowerInvariant() : null;
    }

    [GeneratedRegex(@"(?<![\w.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}(?![\w-])")]
    private static partial Regex DomainToken();
}
