using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Normalizing;

/// <summary>No field can drop an item: each field reader runs behind its own guard, and a reader that throws costs that field only.</summary>
public class FieldGuardTests
{
    private static readonly NormalizeContext Context = new()
    {
        SourceId = "health",
        SourceTitle = "Department of Health",
        SourceUrl = new Uri("https://health.example.gov/feed.xml"),
        FetchedAt = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero),
    };

    private static ParsedEntry FullEntry() => new()
    {
        Guid = "urn:health:2024:17",
        Title = "New vaccination campaign starts in March",
        Link = "/news/vaccination-campaign",
        Published = "Sun, 04 Feb 2024 14:30:00 +0600",
        Updated = "2024-02-05T09:00:00Z",
        Author = "Press office",
        Language = "en",
        Categories = ["Health", "Vaccines"],
        SummaryHtml = "<p>The campaign covers every region.</p>",
        ContentHtml = "<p>The Department of Health announced that the campaign covers every region and starts on 1 March.</p><img src=\"/img/lead.jpg\">",
        ImageUrl = "/img/declared.jpg",
        Site = "health.example.gov",
    };

    /// <summary>What each guarded field puts into the article.</summary>
    private static readonly Dictionary<string, Func<Article, object?>> Projections = new()
    {
        ["link"] = a => a.Url,
        ["content"] = a => NullIfEmpty(a.ContentText),
        ["summary"] = a => NullIfEmpty(a.Summary),
        ["published"] = a => a.Published,
        ["updated"] = a => a.Updated,
        ["site"] = a => a.Site,
        ["title"] = a => a.Title == "Department of Health, 2024-02-04" ? null : a.Title,
        ["author"] = a => a.Author,
        ["language"] = a => a.Language,
        ["categories"] = a => a.Categories.Count == 0 ? null : a.Categories,
        ["image"] = a => a.ImageUrl,
    };

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    public static TheoryData<string> Fields() => new(FieldGuard.Fields);

    [Fact]
    public void Every_guarded_field_is_checked_and_the_full_entry_fills_each_one()
    {
        Assert.Equal(FieldGuard.Fields.Order(), Projections.Keys.Order());
        var article = ArticleNormalizer.Shared.Normalize(FullEntry(), Context);
        Assert.All(Projections, p => Assert.NotNull(p.Value(article)));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_reader_that_throws_leaves_its_field_empty_with_a_warning_and_keeps_the_item(string field)
    {
        var normalizer = new ArticleNormalizer(name =>
        {
            if (name == field) throw new FormatException("injected failure");
        });
        var warnings = new List<string>();

        var article = normalizer.Normalize(FullEntry(), Context, warnings);

        Assert.Null(Projections[field](article));
        Assert.Contains(warnings, w => w.Contains($"{field} could not be read") && w.Contains("injected failure"));
        Assert.False(string.IsNullOrWhiteSpace(article.Title));
        Assert.False(string.IsNullOrWhiteSpace(article.Id));
        // Every other field still has its value.
        foreach (var (other, projection) in Projections)
            if (other != field) Assert.True(projection(article) is not null, $"{other} was lost when {field} failed");
    }

    [Fact]
    public void A_malformed_numeric_offset_leaves_the_date_empty_and_keeps_the_item()
    {
        var entry = FullEntry();
        entry.Published = "Sun, 16 Dec 2012 11:47:32 +00:zz";
        var warnings = new List<string>();

        var article = ArticleNormalizer.Shared.Normalize(entry, Context, warnings);

        Assert.Null(article.Published);
        Assert.Equal("New vaccination campaign starts in March", article.Title);
        Assert.Contains(warnings, w => w.Contains("unreadable published date") && w.Contains("+00:zz"));
    }
}

/// <summary>The same malformed date through `feedproc parse` and through the poll pipeline.</summary>
public class MalformedDateFeedTests
{
    private static readonly string FeedPath = FeedProcessor.Tests.Parsing.ParsingTestData.PathOf("Rss", "malformed_offset.xml");

    [Fact]
    public void Parse_prints_the_line_with_both_items_and_a_warning()
    {
        using var output = new MemoryStream();
        FeedProcessor.Cli.Commands.ParseCommand.WriteLine(FeedPath, "transport", TimeZoneInfo.Utc, output);

        using var line = System.Text.Json.JsonDocument.Parse(output.ToArray());
        var root = line.RootElement;
        Assert.True(root.GetProperty("ok").GetBoolean());
        var articles = root.GetProperty("articles").EnumerateArray().ToList();
        Assert.Equal(2, articles.Count);
        Assert.Equal("New ferry timetable published", articles[0].GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, articles[0].GetProperty("published").ValueKind);
        Assert.StartsWith("2012-12-15T09:00:00", articles[1].GetProperty("published").GetString());
        Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("+00:zz"));
    }

    [Fact]
    public async Task The_poll_pipeline_stores_the_item_instead_of_poisoning_it()
    {
        await using var server = new FeedProcessor.Tests.Infrastructure.LoopbackServer();
        var body = File.ReadAllBytes(FeedPath);
        server.Map("/feed.xml", _ => new FeedProcessor.Tests.Infrastructure.LoopbackServer.Response(200, body));
        var sources = new List<Core.Sources.SourceDefinition> { new() { Id = "transport", Title = "Ministry of Transport", Url = new Uri(server.BaseUrl + "/feed.xml") } };
        var store = FeedProcessor.Tests.Infrastructure.TestStores.Folder();
        using var fetcher = new Core.Fetching.FeedFetcher(new Core.Fetching.FetcherOptions { AllowPrivateNetwork = true });
        var index = FeedProcessor.Tests.Infrastructure.TestIndex.Sqlite();
        var pipeline = new Core.Processing.Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));

        await pipeline.RunCycleAsync(sources);

        var articles = await index.ArticlesAsync(store);
        Assert.Equal(2, articles.Count);
        Assert.Contains(articles, a => a.Title == "New ferry timetable published" && a.Published is null);
        await foreach (var poisoned in store.ListAsync(Core.Storage.Containers.Poison, null)) Assert.Fail($"poisoned: {poisoned}");
    }
}
