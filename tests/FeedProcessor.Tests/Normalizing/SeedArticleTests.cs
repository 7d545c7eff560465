using System.Net;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Normalizing;

/// <summary>The seed article (a scraped primeminister.kz page titled "Images") must come out as a proper article.</summary>
public class SeedArticleTests
{
    private static readonly DateTimeOffset FetchedAt = new(2024, 2, 5, 8, 0, 0, TimeSpan.Zero);

    private static (Article Article, List<string> Warnings) NormalizeSeed()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Normalizing", "testdata", "primeminister-images.txt"));
        // First line: " date 2024-02-04 Images | primeminister.kz"; the rest: paragraphs between blank lines.
        var header = lines[0].Trim().Split(' ', 3);
        var paragraphs = lines.Skip(1).Where(line => line.Trim().Length > 0);
        var entry = new ParsedEntry
        {
            Title = header[2],
            Published = header[1],
            Site = "primeminister.kz",
            ContentHtml = string.Concat(paragraphs.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>\n")),
        };
        var context = new NormalizeContext { SourceId = "primeminister-kz", SourceTitle = "Prime Minister of Kazakhstan", FetchedAt = FetchedAt };
        var warnings = new List<string>();
        return (ArticleNormalizer.Shared.Normalize(entry, context, warnings), warnings);
    }

    [Fact]
    public void Title_is_taken_from_the_first_sentence_instead_of_the_page_chrome()
    {
        var (article, _) = NormalizeSeed();
        Assert.Equal(
            "In Almaty, the Prime Minister of the Republic of Kazakhstan Alikhan Smailov and Chairman of the Government of the Russian Federation Mikhail Mishustin met",
            article.Title);
    }

    [Fact]
    public void Date_site_language_and_identity_are_recorded()
    {
        var (article, warnings) = NormalizeSeed();
        Assert.Equal(new DateTimeOffset(2024, 2, 4, 0, 0, 0, TimeSpan.Zero), article.Published);
        Assert.Equal("primeminister.kz", article.Site);
        Assert.Equal("en", article.Language);
        Assert.Equal(FetchedAt, article.FirstSeen);
        Assert.Matches("^[0-9a-f]{16}$", article.Id);
        Assert.NotEqual(0UL, article.SimHash);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Text_has_nine_paragraphs_separated_by_exactly_one_blank_line()
    {
        var (article, _) = NormalizeSeed();
        var paragraphs = article.ContentText.Split("\n\n");
        Assert.Equal(9, paragraphs.Length);
        Assert.All(paragraphs, p => Assert.False(string.IsNullOrWhiteSpace(p) || p.Contains('\n') || p != p.Trim()));
        Assert.StartsWith("In Almaty,", paragraphs[0]);
    }

    [Fact]
    public void Lost_opening_quotes_are_restored_in_text_and_html_alike()
    {
        var (article, _) = NormalizeSeed();
        var paragraphs = article.ContentText.Split("\n\n");
        Assert.All(paragraphs, p => Assert.True(p.Count(c => c == '"') % 2 == 0, $"unbalanced: {p}"));
        Assert.StartsWith("\"Russia is one of the main", paragraphs[4]);
        Assert.StartsWith("\"I am confident", paragraphs[6]);
        Assert.StartsWith("\"We jointly implement", paragraphs[8]);
        // Paragraphs without a quotation stay untouched.
        Assert.StartsWith("Mikhail Mishustin thanked", paragraphs[7]);

        Assert.Contains("<p>\"Russia is one of the main", article.ContentHtml);
        Assert.Contains("<p>\"I am confident", article.ContentHtml);
        Assert.Contains("<p>\"We jointly implement", article.ContentHtml);
        Assert.Equal(3, article.ContentHtml.Split("<p>\"").Length - 1);
    }

    [Fact]
    public void Summary_is_the_opening_cut_at_a_word_boundary()
    {
        var (article, _) = NormalizeSeed();
        Assert.InRange(article.Summary.Length, 200, 300);
        Assert.StartsWith("In Almaty, the Prime Minister", article.Summary);
        Assert.EndsWith("…", article.Summary);
        var beforeEllipsis = article.Summary[..^1];
        Assert.Contains(beforeEllipsis.Split(' ')[^1], article.ContentText.Split(' ', '\n'));
    }
}
