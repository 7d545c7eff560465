using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing.Atom;

/// <summary>What real Atom feeds do: EDGAR's categories and bases, reused ids, base64 in Atom 0.3, ids as the only address.</summary>
public class AtomRealFeedTests
{
    [Fact]
    public void A_category_is_its_term_as_feedparser_reports_it_and_its_label_only_without_a_term()
    {
        var articles = ParsingTestData.ParseLine("Atom", "edgar_forms.xml").Articles();
        Assert.Equal(["4"], articles[0].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["8-K", "only a label"], articles[1].GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void Relative_links_in_content_resolve_against_the_xml_base_in_scope_not_the_entry_link()
    {
        var article = ParsingTestData.ParseLine("Atom", "edgar_forms.xml").Articles()[1];
        Assert.Equal("https://mirror.example.org/filings/8k-67890", article.Str("url"));
        var html = article.Str("contentHtml")!;
        Assert.Contains("href=\"https://www.sec.example.gov/Archives/edgar/data/67890/000006789024000002-index.htm\"", html);
        Assert.Contains("src=\"https://www.sec.example.gov/Archives/edgar/data/67890/logo.png\"", html);
        // The entry's link resolves against the feed's xml:base too.
        Assert.Equal("https://www.sec.example.gov/Archives/edgar/data/12345/000001234524000010-index.htm",
            ParsingTestData.ParseLine("Atom", "edgar_forms.xml").Articles()[0].Str("url"));
    }

    [Fact]
    public void A_literal_tag_in_a_text_title_keeps_its_words_and_the_feed_title_is_plain_text()
    {
        var line = ParsingTestData.ParseLine("Atom", "edgar_forms.xml");
        Assert.Equal("History of the <blink> tag: 8-K - EXAMPLE INC", line.Articles()[1].Str("title"));
        Assert.Equal("Latest Filings - Fri, 12 Apr 2024", line.GetProperty("feed").Str("title"));
    }

    [Fact]
    public void An_entry_whose_only_address_is_its_id_gets_it_as_its_link()
    {
        var article = ParsingTestData.ParseLine("Atom", "edgar_forms.xml").Articles()[2];
        Assert.Equal("https://www.sec.example.gov/Archives/edgar/data/55555/000005555524000003.txt", article.Str("url"));
    }

    [Fact]
    public void Atom_03_base64_content_and_title_are_decoded()
    {
        var article = ParsingTestData.ParseLine("Atom", "atom03_base64.xml").Articles()[0];
        Assert.Equal("Employment Situation – March", article.Str("title"));
        Assert.Equal("The Bureau of Labor Statistics released the employment situation for March.", article.Str("contentText"));
        Assert.Contains("<b>employment situation</b>", article.Str("contentHtml"));
    }

    [Fact]
    public void Entries_sharing_one_id_get_distinct_ids_in_parse_as_in_the_poll_pipeline()
    {
        var articles = ParsingTestData.ParseLine("Atom", "duplicate_ids.xml").Articles();
        var ids = articles.Select(a => a.Str("id")).ToList();
        Assert.Equal(3, ids.Distinct().Count());

        // The poll pipeline computes the raw item's id from the whole feed; both paths must agree.
        var feed = ParsingTestData.Parse("Atom", "duplicate_ids.xml");
        Core.Normalizing.Identity.ArticleIdentity.DropRepeatedGuids(feed.Entries);
        Assert.Equal(ids, feed.Entries.Select(e => Core.Normalizing.Identity.ArticleIdentity.Compute("local", e)));
    }

    [Fact]
    public void English_entries_without_xml_lang_are_detected_as_English()
    {
        var articles = ParsingTestData.ParseLine("Atom", "english_without_lang.xml").Articles();
        Assert.All(articles, a => Assert.Equal("en", a.Str("language")));
    }
}
