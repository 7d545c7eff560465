using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing.Rdf;

public class RdfParserTests
{
    [Fact]
    public void Reads_rss_10_with_dublin_core()
    {
        var feed = ParsingTestData.Parse("Rdf", "rss10.rdf");
        Assert.Equal(FeedFormats.Rss10, feed.Format);
        Assert.Equal("RSS 1.0 channel", feed.Title);
        Assert.Equal("https://akorda.example.kz/", feed.Link);
        Assert.Equal("ru", feed.Language);
        Assert.Equal(2, feed.Entries.Count);
        var first = feed.Entries[0];
        Assert.Equal("https://akorda.example.kz/1", first.Guid);
        Assert.Equal("Указ Президента", first.Title);
        Assert.Equal("https://akorda.example.kz/1", first.Link);
        Assert.Equal("2024-02-04T14:30:00+06:00", first.Published);
        Assert.Equal("Пресс-служба", first.Author);
        Assert.Equal(["Указы"], first.Categories);
        Assert.Equal("Подписан указ.", first.SummaryHtml);
        Assert.Equal("<p>Полный текст.</p>", feed.Entries[1].ContentHtml);
    }

    [Fact]
    public void Reads_rss_090()
    {
        var feed = ParsingTestData.Parse("Rdf", "rss090.rdf");
        Assert.Equal(FeedFormats.Rss090, feed.Format);
        Assert.Equal("RSS 0.90 channel", feed.Title);
        Assert.Equal(["Ninety one", "Ninety two"], feed.Entries.Select(e => e.Title));
        Assert.Equal("http://netscape.example.com/2", feed.Entries[1].Link);
    }
}
