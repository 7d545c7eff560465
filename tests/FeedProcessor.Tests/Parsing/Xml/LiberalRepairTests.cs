using System.Diagnostics;
using CsCheck;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing.Xml;

public class LiberalRepairTests
{
    private static ParsedFeed Parse(string file) => ParsingTestData.Parse("Xml", file);

    [Fact]
    public void Recovers_html_entities_xml_does_not_define_including_html5_only_ones()
    {
        var feed = Parse("broken_entities.xml");
        Assert.Equal("\u00ABNews\u00BB", feed.Title!.Replace("Entities ", ""));
        Assert.Equal("«Ақорда» — meeting\u00A0held", feed.Entries[0].Title);
        Assert.Equal("Price €5 … © 2024", feed.Entries[0].SummaryHtml);
        Assert.Equal("Rare \u2AA2\u0338 fj \u2605", feed.Entries[1].Title);
        Assert.Equal("Normal & fine — —", feed.Entries[2].Title);
        Assert.Contains("recovered 12 undefined HTML entities", feed.Warnings);
    }

    [Fact]
    public void Escapes_bare_ampersands()
    {
        var feed = Parse("broken_bare_amp.xml");
        Assert.Equal("Tom & Jerry ministry", feed.Title);
        Assert.Equal("R&D grants", feed.Entries[1].Title);
        Assert.Equal("https://amp.example.org/news?id=1&lang=en", feed.Entries[0].Link);
        Assert.Contains(feed.Warnings, w => w.StartsWith("escaped 5 bare '&'"));
    }

    [Fact]
    public void Escapes_bare_less_than()
    {
        var feed = Parse("broken_bare_lt.xml");
        Assert.Equal(["Inflation < 5 percent", "Growth 3 < 4"], feed.Entries.Select(e => e.Title));
        Assert.Contains("escaped 2 bare '<' characters", feed.Warnings);
    }

    [Fact]
    public void Reads_elements_in_any_case_and_matches_mismatched_closing_tags()
    {
        var feed = Parse("broken_wrong_case.xml");
        Assert.Equal("Upper case channel", feed.Title);
        Assert.Equal("https://case.example.org/", feed.Link);
        Assert.Equal(["Mixed case item", "Upper case item"], feed.Entries.Select(e => e.Title));
        Assert.Equal("https://case.example.org/1", feed.Entries[0].Link);
        Assert.Equal("Mon, 05 Feb 2024 09:00:00 GMT", feed.Entries[1].Published);
        Assert.Contains(feed.Warnings, w => w.Contains("closing tags written in a different case"));
    }

    [Fact]
    public void Declares_undeclared_prefixes_with_their_usual_namespaces()
    {
        var feed = Parse("broken_undeclared_prefix.xml");
        Assert.Equal("Someone", feed.Entries[0].Author);
        Assert.Equal("2024-02-04T14:30:00Z", feed.Entries[0].Published);
        Assert.Equal("https://ns.example.org/2.jpg", feed.Entries[1].ImageUrl);
        Assert.Contains("declared 3 undeclared namespace prefixes", feed.Warnings);
    }

    [Fact]
    public void Keeps_the_complete_items_before_a_truncation()
    {
        var feed = Parse("broken_truncated.xml");
        Assert.Equal(7, feed.Entries.Count);
        Assert.Equal("Complete item 7", feed.Entries[^1].Title);
        Assert.Contains("document truncated: kept 7 complete items", feed.Warnings);
    }

    [Fact]
    public void Skips_junk_before_the_xml()
    {
        var feed = Parse("broken_junk_before.xml");
        Assert.Equal("After the junk", feed.Entries.Single().Title);
        Assert.Contains(feed.Warnings, w => w.Contains("outside the root element"));
    }

    [Fact]
    public void Drops_control_characters()
    {
        var feed = Parse("broken_control_chars.xml");
        Assert.Equal("Bell and escape here", feed.Entries.Single().Title);
    }

    [Fact]
    public void Netscape_doctype_entities_are_read_without_processing_the_dtd()
    {
        var feed = Parse("broken_nbsp_doctype.xml");
        Assert.Equal(FeedFormats.Rss091, feed.Format);
        Assert.Equal("Café opening\u00A0– today", feed.Entries.Single().Title);
    }

    [Fact]
    public void Billion_laughs_and_external_entities_are_refused_fast()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var feed = Parse("billion_laughs.xml");
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var entry = feed.Entries.Single();
        Assert.Equal("Entity bomb &lol9;", entry.Title);
        Assert.DoesNotContain("root:", entry.SummaryHtml ?? "");
        Assert.True(allocated < 20_000_000, $"allocated {allocated} bytes");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"took {clock.Elapsed} (a hang guard, not a speed test)");
    }

    [Fact]
    public void Warnings_name_each_kind_of_repair_once()
    {
        var feed = Parse("broken_entities.xml");
        Assert.Equal(feed.Warnings.Count, feed.Warnings.Distinct().Count());
        Assert.Single(feed.Warnings, w => w.Contains("HTML entities"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Empty_document_is_a_clear_error(string text)
    {
        var error = Assert.Throws<FeedParseException>(() => ParsingTestData.ParseText(text));
        Assert.Contains("empty document", error.Message);
    }

    [Theory]
    [InlineData("<opml version=\"1.0\"><body/></opml>", "root element is <opml>")]
    [InlineData("Hello, this is not a feed", "neither XML")]
    public void Non_feeds_are_clear_errors(string text, string message)
    {
        var error = Assert.Throws<FeedParseException>(() => ParsingTestData.ParseText(text));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Random_garbage_around_a_feed_never_crashes()
    {
        var valid = File.ReadAllText(ParsingTestData.PathOf("Xml", "broken_wrong_case.xml"));
        Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, valid.Length], Gen.String).Sample((cut, insertAt, junk) =>
        {
            var text = valid[..cut];
            text = text.Insert(Math.Min(insertAt, text.Length), junk);
            try
            {
                ParsingTestData.ParseText(text);
            }
            catch (FeedParseException)
            {
                // a clear error is an acceptable outcome for garbage; anything else is a crash
            }
        }, iter: 400);
    }
}
