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
    public void A_site_going_by_its_acronym_loses_it_before_the_title()
    {
        // <title>BMUV  |  Transparenz …</title> on www.BMUV.de; the page's h1s are hidden or a breadcrumb.
        Assert.Equal("Transparenz bei Preisanpassungen", Page("acronym_site_prefix.html").Title);
    }

    [Fact]
    public void A_date_in_a_link_to_the_page_itself_dates_it_and_a_newer_posts_list_does_not()
    {
        // Blogs wrap the date in the post's permalink: a link, but to this page, not another.
        Assert.Equal("2016-02-28T22:37:52+01:00", Page("permalink_date.html").Published);
    }

    [Fact]
    public void Without_a_date_on_the_page_the_day_its_address_names_dates_it()
    {
        Assert.Equal("2014-05-18", Page("address_date.html").Published);
        Assert.Null(Page("bare_numbers.html").Published);
    }

    [Theory]
    [InlineData("Erstellt am Dienstag 6. Mai 2014", "2014-05-06")]
    [InlineData("am 25.08.2015 22:30", "2015-08-25T22:30")]
    [InlineData("Yngrid · November 22, 2011 · 3 Kommentare", "2011-11-22")]
    [InlineData("von Redaktion | 12.03.2021", "2021-03-12")]
    [InlineData("Posted on Tuesday, May 6, 2014", "2014-05-06")]
    [InlineData("Вторник, 4 февраля 2024 г.", "2024-02-04")]
    [InlineData("Am Dienstag wurde 2014 viel gebaut", null)]
    [InlineData("Die Firma Muster · 1636 gegründet", null)]
    public void A_dateline_after_a_weekday_a_label_or_a_byline_is_read(string line, string? date)
    {
        Assert.Equal(date, PageDateline.Read(line));
    }

    [Fact]
    public void A_labelled_date_in_the_posts_byline_or_footer_dates_it_whatever_follows()
    {
        var html = """
            <html><head><title>Podcasts in Plex einbinden</title></head><body>
            <div class="post"><h2>Podcasts in Plex einbinden</h2>
            <p>Plex kann Podcasts nicht von sich aus abonnieren; mit einem kleinen Skript und einem Ordner je Sendung geht es trotzdem, und zwar ohne Zusatzdienste.</p>
            <p class="postmetadata">Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter <a href="/category/linux/">Linux</a>.</p>
            <table><tr><td class="itemInfo">Geschrieben von <a href="/user/6">Cooper</a> am 25.08.2015 22:30 (1599 x gelesen)</td></tr></table>
            </div></body></html>
            """;
        Assert.Equal("2014-05-06T23:30", HtmlArticlePage.Parse(html, new Uri("https://blog.example.org/p/1"), null).Published);
        Assert.Equal("2015-08-25T22:30", HtmlArticlePage.Parse(html.Replace("Erstellt am", "Gelesen am"), new Uri("https://blog.example.org/p/1"), null).Published);
        Assert.Null(HtmlArticlePage.Parse(html.Replace("Erstellt am", "Gelesen am").Replace(" am 25.08.2015", " im Sommer 2015"), new Uri("https://blog.example.org/p/1"), null).Published);
    }

    [Theory]
    [InlineData("https://blog.example.org/2016/02/28/post/", "2016-02-28")]
    [InlineData("https://example.org/news/2016-2-8-post", "2016-02-08")]
    [InlineData("http://www.example.cn/politics/2020-02/19/c_1125597921.htm", "2020-02-19")]
    [InlineData("https://example.org/2014/03/post/", null)]
    [InlineData("https://example.org/2016/02/30/post/", null)]
    [InlineData("https://example.org/archive/1850/02/03/", null)]
    [InlineData("https://example.org/items/2016/02/281234", null)]
    public void The_day_an_address_names(string url, string? day)
    {
        Assert.Equal(day, PageDateline.InAddress(url));
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

    [Fact]
    public void A_post_that_is_a_list_of_links_keeps_them_from_the_pages_own_article_container()
    {
        // Readability's link-density rule drops a link roll whole; the post's .entry-content still holds it.
        var entry = Page("link_roll_post.html");
        var text = Text(entry);
        Assert.Contains("Presseförderung: Studie zweifelt an Stütze vom Staat", text);
        Assert.Contains("Wie die EU-Digitalsteuer scheiterte", text);
        Assert.DoesNotContain("Benachrichtige mich", text);
        Assert.DoesNotContain("Archiv", text);
        Assert.DoesNotContain("Impressum", text);
        Assert.Equal("2020-01-23T11:31:09+01:00", entry.Published);
    }

    [Fact]
    public void The_headline_again_credits_post_metadata_and_advertisement_share_comment_and_read_also_labels_are_dropped()
    {
        var entry = Page("labels_and_credits.html");
        var text = Text(entry);
        Assert.Equal("Neue Radwege in der Innenstadt", entry.Title);
        Assert.StartsWith("Die Stadt baut bis zum Herbst", text);
        Assert.Contains("den Rest übernimmt die Stadt", text);
        Assert.DoesNotContain("Shutterstock", text);
        Assert.DoesNotContain("Anzeige", text);
        Assert.DoesNotContain("teilen", text);
        Assert.DoesNotContain("Kommentare", text);
        Assert.DoesNotContain("Parkhaus", text);
        Assert.DoesNotContain("Beitrag wurde", text);
        Assert.DoesNotContain("Radverkehr", text);
        Assert.EndsWith("aus ihrem Haushalt für Verkehrswege.", text);
        Assert.Contains("<img", entry.ContentHtml);
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
