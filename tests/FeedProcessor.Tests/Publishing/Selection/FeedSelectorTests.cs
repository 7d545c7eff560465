using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Publishing.Query;
using FeedProcessor.Core.Publishing.Selection;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Selection;

public sealed class FeedSelectorTests
{
    private static FeedSelection Select(string queryString, FeedIndex? index = null, PublishingOptions? options = null) =>
        FeedSelector.Select(index ?? SampleIndex(), FeedQuery.Parse(ParseQuery(queryString)).Query!, Sources(), options ?? PublishingOptions.Default);

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
        var index = new FeedIndex();
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
        var index = new FeedIndex();
        index.Merge(Enumerable.Range(0, 40).Select(i => Make($"chatty{i:00}", sourceId: "energy", minutes: 100 + i))
            .Append(Make("quiet", sourceId: "mfa", minutes: 1)));
        var options = new PublishingOptions { PerSourceCap = 5 };

        var mixed = Select("", index, options);
        Assert.Equal(6, mixed.Items.Count);
        Assert.Equal(5, mixed.Items.Count(a => a.SourceId == "energy"));
        Assert.Contains(mixed.Items, a => a.Id == "quiet");

        Assert.Equal(40, Select("source=energy", index, options).Items.Count);
        Assert.Equal(6, Select("source=energy,mfa", index, options).Items.Count);
    }

    [Fact]
    public void The_limit_applies_after_filtering()
    {
        var index = new FeedIndex();
        index.Merge(Enumerable.Range(0, 30).Select(i => Make($"i{i:00}", sourceId: $"s{i % 3}", minutes: i)));

        var selection = Select("limit=4", index);

        Assert.Equal(["i29", "i28", "i27", "i26"], selection.Items.Select(a => a.Id));
    }

    [Fact]
    public void An_index_stored_out_of_order_is_still_served_newest_first()
    {
        var index = new FeedIndex { Articles = [Make("old", minutes: 1), Make("new", minutes: 9), Make("mid", minutes: 5)] };

        Assert.Equal(["new", "mid", "old"], Select("", index).Items.Select(a => a.Id));
    }

    [Fact]
    public void The_common_language_is_set_only_when_every_item_shares_it()
    {
        Assert.Null(Select("").CommonLanguage);
        Assert.Equal("ru", Select("lang=ru").CommonLanguage);
    }
}
