using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing.Text;

public class ScrapedTextTests
{
    [Fact]
    public void Reads_the_seed_article()
    {
        var feed = ParsingTestData.Parse("Text", "seed_primeminister.txt");
        Assert.Equal(FeedFormats.Text, feed.Format);
        var entry = feed.Entries.Single();
        Assert.Equal("Images | primeminister.kz", entry.Title);
        Assert.Equal("2024-02-04", entry.Published);
        Assert.Equal("primeminister.kz", entry.Site);
        Assert.StartsWith("<p>In Almaty, the Prime Minister of the Republic of Kazakhstan Alikhan Smailov", entry.ContentHtml);
        Assert.Contains("<p>Russia is one of the main trade and economic partners of Kazakhstan. This is evidenced by the impressive volume of trade turnover, which only for 11 months of last year amounted to $24 billion,&quot; he said.</p>", entry.ContentHtml);
        var paragraphs = entry.ContentHtml!.Split("<p>", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(File.ReadAllText(ParsingTestData.PathOf("Text", "seed_primeminister.txt")).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length - 1, paragraphs.Length);
    }

    [Fact]
    public void Escapes_html_and_keeps_the_text_otherwise()
    {
        var feed = ParsingTestData.ParseText("date 2024-03-01 News <b> | Ministry of Finance | minfin.gov.kz\n\nA < B & \"C\"\nsame paragraph\n\n\n\nNext");
        var entry = feed.Entries.Single();
        Assert.Equal("News <b> | Ministry of Finance | minfin.gov.kz", entry.Title);
        Assert.Equal("minfin.gov.kz", entry.Site);
        Assert.Equal("<p>A &lt; B &amp; &quot;C&quot;\nsame paragraph</p><p>Next</p>", entry.ContentHtml);
    }

    [Theory]
    [InlineData("date 2024-02-04 Title without site", null)]
    [InlineData("date 2024-02-04 Title | Agency Name", null)]
    [InlineData("date 2024-02-04 Title | www.gov.kz", "www.gov.kz")]
    [InlineData("date 2024-02-04 Title | Portal akorda.kz official", "akorda.kz")]
    public void Site_is_the_domain_of_the_last_title_segment(string firstLine, string? site)
    {
        Assert.Equal(site, ParsingTestData.ParseText(firstLine + "\n\nBody").Entries.Single().Site);
    }

    [Fact]
    public void Other_text_is_not_taken_for_the_scraped_format()
    {
        Assert.Throws<FeedParseException>(() => ParsingTestData.ParseText("dated 2024-02-04 Title\n\nBody"));
    }
}
