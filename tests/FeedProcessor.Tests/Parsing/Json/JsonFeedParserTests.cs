using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing.Json;

public class JsonFeedParserTests
{
    [Fact]
    public void Reads_json_feed_10()
    {
        var feed = ParsingTestData.Parse("Json", "json10.json");
        Assert.Equal(FeedFormats.Json10, feed.Format);
        Assert.Equal("JSON Feed 1.0", feed.Title);
        Assert.Equal("https://json.example.gov/", feed.Link);
        var first = feed.Entries[0];
        Assert.Equal("1", first.Guid);
        Assert.Equal("First JSON item", first.Title);
        Assert.Equal("https://json.example.gov/1", first.Link);
        Assert.Equal("<p>Hello</p>", first.ContentHtml);
        Assert.Equal("2024-02-04T14:30:00+06:00", first.Published);
        Assert.Equal("https://json.example.gov/1.jpg", first.ImageUrl);
        Assert.Equal(["a", "b"], first.Categories);
        Assert.Equal("Desk", first.Author);
        Assert.Equal("<p>Plain</p><p>Text</p>", feed.Entries[1].ContentHtml);
    }

    [Fact]
    public void Reads_json_feed_11_authors_language_and_banner_image()
    {
        var feed = ParsingTestData.Parse("Json", "json11.json");
        Assert.Equal(FeedFormats.Json11, feed.Format);
        Assert.Equal("kk", feed.Language);
        var first = feed.Entries[0];
        Assert.Equal("Баспасөз қызметі", first.Author);
        Assert.Equal("kk", first.Language);
        Assert.Equal("https://json.example.gov/a.jpg", first.ImageUrl);
        var second = feed.Entries[1];
        Assert.Equal("Қысқаша", second.SummaryHtml);
        Assert.Equal("2024-02-05T09:00:00Z", second.Published);
    }

    [Fact]
    public void Wrong_types_and_bad_items_lose_nothing_else()
    {
        const string json = """{"version":"https://jsonfeed.org/version/1.1","title":5,"items":[42,{"id":7,"title":["x"],"url":"/rel"},{"title":"ok"}]}""";
        var feed = ParsingTestData.ParseText(json, new ParseOptions { DocumentUrl = new Uri("https://j.example.org/feed.json") });
        Assert.Equal(2, feed.Entries.Count);
        Assert.Equal("7", feed.Entries[0].Guid);
        Assert.Null(feed.Entries[0].Title);
        Assert.Equal("https://j.example.org/rel", feed.Entries[0].Link);
        Assert.Contains(feed.Warnings, w => w.Contains("item 1"));
    }

    [Fact]
    public void Invalid_json_is_a_clear_error()
    {
        var error = Assert.Throws<FeedParseException>(() => ParsingTestData.ParseText("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [ {"));
        Assert.Contains("not valid JSON", error.Message);
    }
}
