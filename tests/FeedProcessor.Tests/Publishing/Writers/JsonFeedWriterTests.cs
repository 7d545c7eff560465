using System.Text.Json;
using FeedProcessor.Core.Publishing;
using static FeedProcessor.Tests.Publishing.FeedRendering;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Writers;

public sealed class JsonFeedWriterTests
{
    [Fact]
    public void Renders_json_feed_1_1_with_every_item_field()
    {
        var response = Respond("format=json");
        Assert.Equal("application/feed+json; charset=utf-8", response.ContentType);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;

        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal("FeedProcessor", root.GetProperty("title").GetString());
        Assert.Equal("https://news.example.kz/api/", root.GetProperty("home_page_url").GetString());
        Assert.Equal("https://news.example.kz/api/feed?format=json", root.GetProperty("feed_url").GetString());

        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        var first = items[0];
        Assert.Equal("urn:feedprocessor:article:a1f0c3", first.GetProperty("id").GetString());
        Assert.Equal("https://primeminister.kz/ru/news/pravitelstvo-obsudilo-razvitie-ugolnoy-otrasli-2024", first.GetProperty("url").GetString());
        Assert.Equal("Правительство обсудило развитие угольной отрасли", first.GetProperty("title").GetString());
        Assert.StartsWith("<p>На заседании", first.GetProperty("content_html").GetString());
        Assert.StartsWith("На заседании", first.GetProperty("content_text").GetString());
        Assert.EndsWith("(coal).", first.GetProperty("summary").GetString());
        Assert.Equal("https://primeminister.kz/assets/media/coal.jpg", first.GetProperty("image").GetString());
        Assert.Equal("2024-02-04T14:30:00+05:00", first.GetProperty("date_published").GetString());
        Assert.Equal("2024-02-04T14:30:00+05:00", first.GetProperty("date_modified").GetString());
        Assert.Equal("Пресс-служба Премьер-Министра", first.GetProperty("authors")[0].GetProperty("name").GetString());
        Assert.Equal(["Энергетика", "Уголь"], first.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("ru", first.GetProperty("language").GetString());
        var extension = first.GetProperty("_feedprocessor");
        Assert.Equal("primeminister", extension.GetProperty("source_id").GetString());
        Assert.Equal("Prime Minister of Kazakhstan", extension.GetProperty("source_title").GetString());
        Assert.Equal(0, extension.GetProperty("also_published_by").GetArrayLength());
        Assert.Equal("Ministry of Foreign Affairs", items[1].GetProperty("authors")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Also_published_by_and_cleaned_text_reach_the_json()
    {
        var index = new TestArchive();
        var first = Make("first", sourceId: "primeminister", minutes: 1, url: "https://gov.kz/n/1");
        first.Title = "Lone \u0001surrogate\u0001";
        index.Merge([first, Make("echo", sourceId: "energy", minutes: 5, url: "https://gov.kz/n/1")]);

        using var json = JsonDocument.Parse(Respond("format=json", index).Body);
        var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());

        Assert.Equal("Lone surrogate", item.GetProperty("title").GetString());
        Assert.Equal(["energy"], item.GetProperty("_feedprocessor").GetProperty("also_published_by").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Also published by: Ministry of Energy", item.GetProperty("content_html").GetString());
        // A lone surrogate, which stored JSON cannot keep, is stripped by the writer itself.
        first.Title = "Lone \udc00surrogate";
        using var direct = JsonDocument.Parse(WriteDirectly(new Core.Publishing.Writers.Json.JsonFeedWriter(), first));
        Assert.Equal("Lone surrogate", direct.RootElement.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public void Next_url_leads_page_by_page_through_every_item_and_the_last_page_has_none()
    {
        var archive = SampleIndex();
        var seen = new List<string>();
        var query = "format=json&limit=1";
        for (var pages = 0; pages < 10 && query is not null; pages++)
        {
            using var json = JsonDocument.Parse(Respond(query, archive).Body);
            seen.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            query = json.RootElement.TryGetProperty("next_url", out var next) ? new Uri(next.GetString()!).Query.TrimStart('?') : null;
        }

        Assert.Equal(3, seen.Count);
        Assert.Equal(3, seen.Distinct().Count());
        Assert.Null(query);
    }
}
