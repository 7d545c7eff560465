using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Normalizing;

public class ArticleNormalizerTests
{
    private static readonly DateTimeOffset FetchedAt = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly NormalizeContext Context = new()
    {
        SourceId = "energo",
        SourceTitle = "Ministry of Energy",
        SourceUrl = new Uri("https://www.energo.gov.kz/news/rss"),
        FetchedAt = FetchedAt,
    };

    private static (Article, List<string>) Normalize(ParsedEntry entry, NormalizeContext? context = null)
    {
        var warnings = new List<string>();
        return (ArticleNormalizer.Shared.Normalize(entry, context ?? Context, warnings), warnings);
    }

    [Fact]
    public void Unreadable_date_leaves_published_empty_with_a_warning_and_keeps_the_item()
    {
        var (article, warnings) = Normalize(new ParsedEntry { Title = "Meeting held", Published = "sometime last week", ContentHtml = "<p>Text</p>" });
        Assert.Null(article.Published);
        Assert.Equal("Meeting held", article.Title);
        Assert.Equal("Text", article.ContentText);
        Assert.Contains(warnings, w => w.Contains("unreadable published date") && w.Contains("sometime last week"));
    }

    [Fact]
    public void Future_dates_are_clamped_to_the_fetch_time_with_a_warning()
    {
        var (article, warnings) = Normalize(new ParsedEntry { Title = "T", Published = "2024-03-02T12:00:00Z" });
        Assert.Equal(FetchedAt, article.Published);
        Assert.Contains(warnings, w => w.Contains("in the future"));

        var (slightlyAhead, none) = Normalize(new ParsedEntry { Title = "T", Published = "2024-03-01T12:03:00Z" });
        Assert.Equal(FetchedAt.AddMinutes(3), slightlyAhead.Published);
        Assert.Empty(none);
    }

    [Fact]
    public void Updated_stands_in_for_a_missing_published_date()
    {
        var (article, _) = Normalize(new ParsedEntry { Title = "T", Updated = "2024-02-10T08:00:00+05:00" });
        Assert.Equal(new DateTimeOffset(2024, 2, 10, 8, 0, 0, TimeSpan.FromHours(5)), article.Published);
        Assert.Null(article.Updated);
        Assert.Equal(FetchedAt, article.FirstSeen);
    }

    [Fact]
    public void Language_comes_from_item_then_feed_then_source_then_the_text()
    {
        var russianText = new ParsedEntry { Title = "T", ContentHtml = "<p>Правительство провело заседание, на котором были рассмотрены итоги года.</p>" };
        Assert.Equal("ru", Normalize(russianText).Item1.Language);
        Assert.Equal("kk", Normalize(russianText, Context with { SourceLanguage = "KK" }).Item1.Language);
        Assert.Equal("en-US", Normalize(russianText, Context with { SourceLanguage = "kk", FeedLanguage = "en_us" }).Item1.Language);
        russianText.Language = "de";
        Assert.Equal("de", Normalize(russianText, Context with { FeedLanguage = "en" }).Item1.Language);

        russianText.Language = "not a language";
        var (article, warnings) = Normalize(russianText);
        Assert.Equal("ru", article.Language);
        Assert.Contains(warnings, w => w.Contains("not a language tag"));
    }

    [Fact]
    public void Link_is_made_absolute_cleaned_and_gives_the_site()
    {
        var (article, _) = Normalize(new ParsedEntry { Title = "T", Link = "/news/1?utm_source=rss&id=7" });
        Assert.Equal("https://www.energo.gov.kz/news/1?id=7", article.Url);
        Assert.Equal("energo.gov.kz", article.Site);
        Assert.Equal("https://www.energo.gov.kz/news/rss", article.SourceUrl);

        var (noLink, warnings) = Normalize(new ParsedEntry { Title = "T", Link = "javascript:void(0)" });
        Assert.Null(noLink.Url);
        Assert.Equal("energo.gov.kz", noLink.Site);
        Assert.Contains(warnings, w => w.Contains("not an http(s) URL"));
    }

    [Fact]
    public void Content_falls_back_to_summary_and_summary_to_content()
    {
        var (fromSummary, _) = Normalize(new ParsedEntry { Title = "T", SummaryHtml = "Only a <b>description</b>." });
        Assert.Equal("Only a <b>description</b>.", fromSummary.ContentHtml);
        Assert.Equal("Only a description.", fromSummary.Summary);

        var longText = string.Join(' ', Enumerable.Repeat("Energy supply was discussed at length.", 20));
        var (both, _) = Normalize(new ParsedEntry { Title = "T", ContentHtml = $"<p>{longText}</p>", SummaryHtml = "<p>Short &amp; sweet</p>" });
        Assert.Equal("Short & sweet", both.Summary);

        var (onlyContent, _) = Normalize(new ParsedEntry { Title = "T", ContentHtml = $"<p>{longText}</p>" });
        Assert.True(onlyContent.Summary.Length <= ArticleNormalizer.MaxSummaryLength);
        Assert.EndsWith("…", onlyContent.Summary);
    }

    [Fact]
    public void Categories_author_and_lead_image_are_cleaned()
    {
        var (article, _) = Normalize(new ParsedEntry
        {
            Title = "T",
            Author = "  Press &amp; media office ",
            Categories = [" Energy ", "energy", "<b>Coal</b>", "", "   "],
            ContentHtml = "<p><img src=\"https://mc.yandex.ru/watch/1\"><img src=\"/img/plant.jpg\"></p>",
        });
        Assert.Equal("Press & media office", article.Author);
        Assert.Equal(["Energy", "Coal"], article.Categories);
        Assert.Equal("https://www.energo.gov.kz/img/plant.jpg", article.ImageUrl);

        var (declared, _) = Normalize(new ParsedEntry { Title = "T", ImageUrl = "https://cdn.gov.kz/a.jpg?utm_medium=rss", ContentHtml = "<img src=\"/b.jpg\">" });
        Assert.Equal("https://cdn.gov.kz/a.jpg", declared.ImageUrl);
    }

    [Fact]
    public void An_entry_with_nothing_gets_the_source_title_and_date()
    {
        var (article, _) = Normalize(new ParsedEntry { Published = "2024-02-04" });
        Assert.Equal("Ministry of Energy, 2024-02-04", article.Title);
        Assert.Equal("", article.ContentHtml);
        Assert.NotNull(article.ContentHash);
    }

    [Fact]
    public void Content_hash_changes_with_the_text_and_not_with_markup()
    {
        var a = Normalize(new ParsedEntry { Title = "T", ContentHtml = "<p>Same text</p>" }).Item1;
        var b = Normalize(new ParsedEntry { Title = "T", ContentHtml = "<div><b>Same</b> text</div>" }).Item1;
        var c = Normalize(new ParsedEntry { Title = "T", ContentHtml = "<p>Other text</p>" }).Item1;
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }

    [Fact]
    public void Programmer_errors_throw_argument_exceptions()
    {
        Assert.Throws<ArgumentNullException>(() => ArticleNormalizer.Shared.Normalize(null!, Context));
        Assert.ThrowsAny<ArgumentException>(() => ArticleNormalizer.Shared.Normalize(new ParsedEntry(), Context with { SourceId = "" }));
    }
}
