using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Parsing.Html;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Tests.Parsing.Html;

/// <summary>Article pages of sites without feeds, modelled on real ministry pages: title, date, author and main text.</summary>
public class HtmlArticleExtractionTests
{
    private static ParsedEntry Page(string file) =>
        HtmlArticlePage.Parse(File.ReadAllText(ParsingTestData.PathOf("Html", file)), new Uri("https://ministry.example.org/news/1"), null);

    private static string Text(ParsedEntry entry)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{entry.ContentHtml}</body>");
        return string.Join(' ', document.Body!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_screen_reader_only_h1_with_the_ministrys_name_is_not_the_title()
    {
        Assert.Equal("Regierung beschließt Entlastungspaket für Familien", Page("sr_only_h1.html").Title);
    }

    [Fact]
    public void A_skip_link_h1_is_not_the_title_and_the_site_prefix_goes()
    {
        Assert.Equal("Mindestlohn steigt zum 1. Oktober auf 12 Euro", Page("skip_link_h1.html").Title);
    }

    [Fact]
    public void A_site_name_in_parentheses_after_the_headline_goes()
    {
        Assert.Equal("Park Reopens Visitor Center", Page("meta_created.html").Title);
    }

    [Fact]
    public void An_h1_that_is_the_sites_name_does_not_beat_the_title()
    {
        Assert.Equal("Babies Who Eat Peanuts Early May Avoid Allergy", Page("site_name_h1.html").Title);
    }

    [Theory]
    [InlineData("lubeck_dateline.html", "2003-03-31")] // "Lübeck, 31. März 2003"
    [InlineData("bern_speech.html", "2007-08-17")] // "Bern, 17.08.2007 - Rede von …"
    [InlineData("stand_date.html", "2022-01-27")] // "Stand 27.01.2022" at the end of the article
    [InlineData("meta_created.html", "2011-07-15")] // <meta name="created"> and "Date: July 15, 2011"
    [InlineData("sr_only_h1.html", "2022-06-14")] // "Wien, 14. Juni 2022"
    public void A_visible_dateline_or_a_date_meta_tag_dates_the_page(string file, string date)
    {
        Assert.Equal(date, Page(file).Published);
    }

    [Fact]
    public void A_teaser_of_another_article_does_not_date_the_page()
    {
        Assert.Equal("2021-11-12", Page("teaser_date.html").Published);
    }

    [Fact]
    public void A_bare_number_is_never_a_year()
    {
        // The page mentions 1636 and shows <span>1234</span>, but has no date.
        Assert.Null(Page("bare_numbers.html").Published);
    }

    [Fact]
    public void Json_ld_wrapped_in_cdata_is_read()
    {
        var entry = Page("jsonld_cdata.html");
        Assert.Equal("2023-09-04T10:15:00-05:00", entry.Published);
        Assert.Equal("Jane Doe", entry.Author);
        Assert.Equal("Minister Opens New School Wing", entry.Title);
    }

    [Fact]
    public void The_text_starts_with_the_article_not_a_photo_caption_or_credit_and_admin_is_no_author()
    {
        var entry = Page("photo_caption_first.html");
        Assert.StartsWith("Der Innenminister hat am Montag", Text(entry));
        Assert.DoesNotContain("Foto: BMI", Text(entry));
        Assert.Null(entry.Author);
    }

    [Fact]
    public void The_text_does_not_start_with_a_bare_date_line()
    {
        Assert.StartsWith("Die Ministerin hat heute in Lübeck", Text(Page("lubeck_dateline.html")));
    }

    [Fact]
    public void Lists_tables_definitions_subheadings_and_div_text_are_kept()
    {
        var text = Text(Page("lists_tables.html"));
        Assert.Contains("What changes for applicants", text);
        Assert.Contains("Children under sixteen still apply in person", text);
        Assert.Contains("Express service with collection within three working days", text);
        Assert.Contains("A lost passport must be reported to the police", text);
        Assert.Contains("Offices in the capital are open on Saturdays", text);
        Assert.Contains("Questions can be sent to the passport office", text);
    }

    [Fact]
    public void A_teaser_article_before_the_story_is_not_the_text()
    {
        var text = Text(Page("teaser_article_first.html"));
        Assert.Contains("extended its drought relief programme", text);
        Assert.Contains("More than four thousand farmers", text);
        Assert.DoesNotContain("Water tanks for schools", text);
    }

    [Fact]
    public void Text_split_over_sibling_sections_is_kept_whole()
    {
        var text = Text(Page("sibling_sections.html"));
        Assert.Contains("finance minister presenting spending plans", text);
        Assert.Contains("The debate continues for three days", text);
    }

    [Fact]
    public void Newsletter_donation_paywall_and_more_on_the_topic_blocks_are_dropped()
    {
        var text = Text(Page("boilerplate.html"));
        Assert.Contains("Ersatzbusse im Stundentakt", text);
        Assert.DoesNotContain("Newsletter", text);
        Assert.DoesNotContain("spenden", text);
        Assert.DoesNotContain("weiterzulesen", text);
        Assert.DoesNotContain("Mehr zum Thema", text);
        Assert.DoesNotContain("Fahrplanwechsel", text);
    }

    [Theory]
    [InlineData("style_before_html.html")]
    [InlineData("php_warning")]
    [InlineData("script")]
    public void A_page_with_a_style_or_php_warnings_before_html_is_read_as_html_for_html_sources(string file)
    {
        var html = File.ReadAllText(ParsingTestData.PathOf("Html", "style_before_html.html"));
        if (file == "script")
            html = "<script>window.dataLayer = [];</script>\n" + html[html.IndexOf("<html", StringComparison.Ordinal)..];
        if (file == "php_warning")
            html = "<br />\n<b>Warning</b>:  Undefined variable $menu in <b>/var/www/html/header.php</b> on line <b>12</b><br />\n"
                   + html[html.IndexOf("<html", StringComparison.Ordinal)..];
        var feed = FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(html), new ParseOptions { Kind = SourceKind.Html, DocumentUrl = new Uri("https://mot.example.gov.jm/news/roads") });
        Assert.Equal(FeedFormats.Html, feed.Format);
        var entry = Assert.Single(feed.Entries);
        Assert.Equal("Ministry Announces Road Repairs", entry.Title);
        Assert.Contains("forty kilometres of the coastal road", entry.ContentHtml);
    }
}
