using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Publishing.Query;
using FeedProcessor.Core.Publishing.Selection;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Selection;

public sealed class FeedSelectorTests
{
    private static FeedSelection Select(string queryString, TestArchive? index = null, PublishingOptions? options = null)
    {
        var published = (index ?? SampleIndex()).Publish();
        return FeedSelector.SelectAsync(published.Index, published.Articles, FeedQuery.Parse(ParseQuery(queryString)).Query!, published.Retention, Sources(),
            options ?? PublishingOptions.Default).GetAwaiter().GetResult();
    }

    [Fact]
    public void Without_filters_every_article_comes_newest_first_under_the_plain_title()
    {
        var selection = Select("");

        Assert.Equal(["a1f0c3", "b27d44", "c9e812"], selection.Items.Select(a => a.Id));
        Assert.Equal("FeedProcessor", selection.Title);
    }

    [Fact]
    public void Filters_by_source_language_category_text_and_since()
    {
        Assert.Equal(["b27d44"], Select("source=mfa").Items.Select(a => a.Id));
        Assert.Equal(["c9e812"], Select("lang=kk").Items.Select(a => a.Id));
        Assert.Equal(["a1f0c3"], Select("category=уголь").Items.Select(a => a.Id));
        Assert.Equal(["a1f0c3"], Select("q=COAL").Items.Select(a => a.Id));
        Assert.Equal(["c9e812"], Select("q=КӨМІР").Items.Select(a => a.Id));
        Assert.Equal(["a1f0c3", "b27d44"], Select("since=2024-02-04T00:00:00Z").Items.Select(a => a.Id));
        Assert.Empty(Select("source=mfa&q=coal").Items);
    }

    [Fact]
    public void A_language_filter_matches_regional_subtags_but_not_the_reverse()
    {
        var index = new TestArchive();
        index.Merge([Make("kz", language: "ru-KZ", minutes: 2), Make("plain", language: "ru", minutes: 1), Make("en", language: "en")]);

        Assert.Equal(["kz", "plain"], Select("lang=ru", index).Items.Select(a => a.Id));
        Assert.Equal(["kz"], Select("lang=ru-kz", index).Items.Select(a => a.Id));
    }

    [Fact]
    public void A_filtered_title_says_what_the_feed_holds()
    {
        var selection = Select("source=primeminister,mfa&lang=ru&q=coal");

        Assert.Equal("FeedProcessor — Prime Minister of Kazakhstan, Ministry of Foreign Affairs · ru · \"coal\"", selection.Title);
        Assert.Equal("FeedProcessor — Энергетика · since 2024-02-04", Select("category=Энергетика&since=2024-02-04").Title);
    }

    [Fact]
    public void One_chatty_source_is_capped_in_a_mixed_feed_but_not_when_asked_for_alone()
    {
        var index = new TestArchive();
        index.Merge(Enumerable.Range(0, 40).Select(i => Make($"chatty{i:00}", sourceId: "energy", minutes: 100 + i))
            .Append(Make("quiet", sourceId: "mfa", minutes: 1)));
        var options = new PublishingOptions { PerSourceCap = 5 };

        var mixed = Select("", index, options);
        Assert.Equal(5, mixed.Items.Count);
        Assert.All(mixed.Items, a => Assert.Equal("energy", a.SourceId));
        Assert.NotNull(mixed.Next);

        Assert.Equal(40, Select("source=energy", index, options).Items.Count);
        Assert.Equal(5, Select("source=energy,mfa", index, options).Items.Count);
    }

    [Fact]
    public void The_cap_defers_items_to_later_pages_and_never_hides_one()
    {
        var index = new TestArchive();
        index.Merge(Enumerable.Range(0, 40).Select(i => Make($"chatty{i:00}", sourceId: "energy", minutes: 100 + i))
            .Append(Make("quiet", sourceId: "mfa", minutes: 1)));
        var options = new PublishingOptions { PerSourceCap = 5 };

        var seen = new List<string>();
        var query = "";
        for (var pages = 0; pages < 100; pages++)
        {
            var page = Select(query, index, options);
            seen.AddRange(page.Items.Select(a => a.Id));
            if (page.Next is not { } next) break;
            query = "after=" + next.ToToken();
        }

        Assert.Equal(41, seen.Count);
        Assert.Equal(41, seen.Distinct().Count());
        Assert.Equal("quiet", seen[^1]);
    }

    [Fact]
    public void The_limit_applies_after_filtering()
    {
        var index = new TestArchive();
        index.Merge(Enumerable.Range(0, 30).Select(i => Make($"i{i:00}", sourceId: $"s{i % 3}", minutes: i)));

        var selection = Select("limit=4", index);

        Assert.Equal(["i29", "i28", "i27", "i26"], selection.Items.Select(a => a.Id));
    }

    [Fact]
    public void An_index_stored_out_of_order_is_still_served_newest_first()
    {
        var index = new TestArchive { Articles = [Make("old", minutes: 1), Make("new", minutes: 9), Make("mid", minutes: 5)] };

        Assert.Equal(["new", "mid", "old"], Select("", index).Items.Select(a => a.Id));
    }

    [Fact]
    public void The_common_language_is_set_only_when_every_item_shares_it()
    {
        Assert.Null(Select("").CommonLanguage);
        Assert.Equal("ru", Select("lang=ru").CommonLanguage);
    }
}
