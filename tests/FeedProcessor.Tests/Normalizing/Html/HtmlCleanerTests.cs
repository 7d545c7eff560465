using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Normalizing.Html;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Normalizing.Html;

public class HtmlCleanerTests
{
    private static readonly Uri Base = new("https://example.gov/news/2024/item.html");

    [Fact]
    public void Relative_urls_become_absolute_and_links_untrusted()
    {
        var clean = HtmlCleaner.Clean("<p><a href=\"../contacts\">Contacts</a> <img src=\"/img/a.jpg\" alt=\"A\"></p>", Base);
        Assert.Contains("href=\"https://example.gov/news/contacts\"", clean.Html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", clean.Html);
        Assert.Contains("src=\"https://example.gov/img/a.jpg\"", clean.Html);
        Assert.Equal("https://example.gov/img/a.jpg", clean.FirstImageUrl);
    }

    [Theory]
    [InlineData("<img src=\"https://example.gov/p.gif\" width=\"1\" height=\"1\">")]
    [InlineData("<img src=\"https://example.gov/p.gif\" width=\"0\">")]
    [InlineData("<img src=\"https://example.gov/p.gif\" height=\"1px\">")]
    [InlineData("<img src=\"https://mc.yandex.ru/watch/123\">")]
    [InlineData("<img src=\"https://top-fwz1.mail.ru/counter?id=1\">")]
    [InlineData("<img src=\"https://counter.yadro.ru/hit?r\">")]
    [InlineData("<img src=\"https://www.facebook.com/tr?id=1&ev=PageView\">")]
    [InlineData("<img src=\"https://stats.g.doubleclick.net/r/collect\">")]
    [InlineData("<img src=\"https://www.google-analytics.com/collect?v=1\">")]
    [InlineData("<img src=\"https://pixel.example.com/a.gif\">")]
    public void Tracking_pixels_are_removed(string pixel)
    {
        var clean = HtmlCleaner.Clean($"<p>Text{pixel}</p><p><img src=\"https://example.gov/photo.jpg\"></p>", Base);
        Assert.Single(clean.Html.Split("<img")[1..]);
        Assert.Equal("https://example.gov/photo.jpg", clean.FirstImageUrl);
    }

    [Fact]
    public void Ten_thousand_nested_divs_do_not_overflow_the_stack()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 10_000)) + "deep text" + string.Concat(Enumerable.Repeat("</div>", 10_000));
        var clean = HtmlCleaner.Clean(html, Base);
        Assert.Equal("deep text", clean.Text);
        Assert.InRange(clean.Html.Split("<div>").Length - 1, 1, NestingFlattener.MaxDepth);
    }

    [Fact]
    public void Block_elements_become_paragraphs_and_br_a_line_break()
    {
        var clean = HtmlCleaner.Clean(
            "<h2>Head</h2>\n<div>First\u00A0\u00A0line<br>second   line</div><ul><li>one</li><li>two</li></ul>text<br><br>after<p>&nbsp;</p><table><tr><td>a</td><td>b</td></tr></table>",
            Base);
        Assert.Equal("Head\n\nFirst line\nsecond line\n\none\n\ntwo\n\ntext\n\nafter\n\na b", clean.Text);
    }

    [Fact]
    public void Plain_text_takes_the_fast_path_and_is_escaped_into_paragraphs()
    {
        var clean = HtmlCleaner.Clean("First \u200Bline\r\nsame paragraph\r\n\r\n\r\n  Second > third  ", Base);
        Assert.Equal("<p>First line<br>same paragraph</p><p>Second &gt; third</p>", clean.Html);
        Assert.Equal("First line\nsame paragraph\n\nSecond > third", clean.Text);
    }

    [Fact]
    public void Control_characters_and_lone_surrogates_are_removed_from_every_field()
    {
        const string dirty = "A\u0001B\u0008C\u000BD\u001FE\uD800F\uDC00G\u007F\u0085H\uFFFE";
        var article = ArticleNormalizer.Shared.Normalize(new ParsedEntry
        {
            Title = dirty,
            ContentHtml = $"<p>{dirty}</p><p title=\"{dirty}\">x</p>",
            SummaryHtml = dirty,
            Author = dirty,
            Categories = [dirty],
        }, new NormalizeContext { SourceId = "s", SourceTitle = "S" });

        foreach (var field in new[] { article.Title, article.ContentHtml, article.ContentText, article.Summary, article.Author!, article.Categories[0] })
        {
            Assert.Contains("ABCDEFGH", field);
            Assert.DoesNotMatch(@"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]", field);
            for (int i = 0; i < field.Length; i++)
                if (char.IsSurrogate(field[i])) Assert.Fail($"lone surrogate at {i} in {field}");
        }
    }

    [Fact]
    public void Paired_surrogates_survive()
    {
        var clean = HtmlCleaner.Clean("<p>Flag \U0001F1F0\U0001F1FF</p>", Base);
        Assert.Equal("Flag \U0001F1F0\U0001F1FF", clean.Text);
    }
}

/// <summary>Markup past any article's size is hostile: its text is kept, and the HTML parser never sees it.</summary>
public sealed class OverlongMarkupTests
{
    [Fact]
    public void A_hundred_thousand_nested_elements_keep_their_text_and_lose_their_markup()
    {
        var html = string.Concat(Enumerable.Repeat("<div onclick=\"x()\">", 100_000)) + "Budget approved &amp; published <script>alert(1)</script>"
            + string.Concat(Enumerable.Repeat("</div>", 100_000));
        var article = Core.Normalizing.ArticleNormalizer.Shared.Normalize(
            new Core.Parsing.ParsedEntry { Title = "T", ContentHtml = html },
            new Core.Normalizing.NormalizeContext { SourceId = "s", SourceTitle = "S" });
        Assert.DoesNotContain("<div", article.ContentHtml);
        Assert.DoesNotContain("<script", article.ContentHtml);
        Assert.DoesNotContain("onclick", article.ContentHtml);
        Assert.Contains("Budget approved &amp; published", article.ContentHtml);
        Assert.Contains("Budget approved & published", article.ContentText);
    }
}
