using CsCheck;
using FeedProcessor.Core.Publishing;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing;

public sealed class FeedIndexMergeTests
{
    [Fact]
    public void Orders_newest_first_by_published_or_first_seen_with_ties_broken_by_id()
    {
        var index = new FeedIndex();
        index.Merge([Make("b", minutes: 10), Make("a", minutes: 10), Make("old", minutes: 1), Make("undated", minutes: 20, dated: false)]);

        Assert.Equal(["undated", "a", "b", "old"], index.Articles.Select(a => a.Id));
    }

    [Fact]
    public void A_new_version_of_a_known_id_replaces_it_and_keeps_first_seen()
    {
        var index = new FeedIndex();
        index.Merge([Make("x", minutes: 5)]);
        var newer = Make("x", minutes: 5);
        newer.Title = "Corrected title";
        newer.FirstSeen = Epoch.AddDays(3);
        newer.Updated = Epoch.AddDays(3);

        index.Merge([newer]);

        var only = Assert.Single(index.Articles);
        Assert.Equal("Corrected title", only.Title);
        Assert.Equal(Epoch.AddMinutes(5), only.FirstSeen);
        Assert.Equal(Epoch.AddDays(3), index.Updated);
    }

    [Fact]
    public void An_older_version_does_not_replace_a_newer_one()
    {
        var index = new FeedIndex();
        var current = Make("x");
        current.Updated = Epoch.AddDays(2);
        current.Title = "Current";
        index.Merge([current]);
        var stale = Make("x");
        stale.Updated = Epoch.AddDays(1);

        index.Merge([stale]);

        Assert.Equal("Current", Assert.Single(index.Articles).Title);
    }

    [Fact]
    public void The_same_story_from_another_source_keeps_the_earliest_and_records_the_other_source_once()
    {
        var index = new FeedIndex();
        var late = Make("late", sourceId: "mfa", minutes: 30, url: "https://gov.kz/news/1");
        index.Merge([late]);
        var early = Make("early", sourceId: "primeminister", minutes: 10, url: "https://gov.kz/news/1");
        var again = Make("early", sourceId: "primeminister", minutes: 10, url: "https://gov.kz/news/1");

        index.Merge([early]);
        index.Merge([again, Make("late", sourceId: "mfa", minutes: 30, url: "https://gov.kz/news/1")]);

        var kept = Assert.Single(index.Articles);
        Assert.Equal("early", kept.Id);
        Assert.Equal(["mfa"], kept.AlsoPublishedBy);
    }

    [Fact]
    public void A_later_echo_is_folded_into_the_known_story()
    {
        var index = new FeedIndex();
        index.Merge([Make("first", sourceId: "primeminister", minutes: 1, url: "https://gov.kz/n/2")]);

        index.Merge([Make("echo", sourceId: "mfa", minutes: 9, url: "https://gov.kz/n/2"), Make("echo2", sourceId: "energy", minutes: 12, url: "https://gov.kz/n/2")]);

        var kept = Assert.Single(index.Articles);
        Assert.Equal("first", kept.Id);
        Assert.Equal(["mfa", "energy"], kept.AlsoPublishedBy);
    }

    [Fact]
    public void Articles_of_the_same_source_are_never_folded_together()
    {
        var index = new FeedIndex();
        index.Merge([Make("one", minutes: 1, url: "https://gov.kz/same"), Make("two", minutes: 2, url: "https://gov.kz/same")]);

        Assert.Equal(2, index.Articles.Count);
    }

    [Fact]
    public void A_custom_story_matcher_is_used_instead_of_the_url()
    {
        var index = new FeedIndex();
        var a = Make("a", sourceId: "mfa", minutes: 1, title: "Coal");
        var b = Make("b", sourceId: "energy", minutes: 2, title: "Coal");

        index.Merge([a, b], isSameStory: (x, y) => x.Title[..4] == y.Title[..4]);

        Assert.Equal("a", Assert.Single(index.Articles).Id);
    }

    [Fact]
    public void Caps_at_capacity_keeping_the_newest()
    {
        var index = new FeedIndex();
        index.Merge(Enumerable.Range(0, 30).Select(i => Make($"n{i:00}", minutes: i)), capacity: 10);

        Assert.Equal(10, index.Articles.Count);
        Assert.Equal("n29", index.Articles[0].Id);
        Assert.Equal("n20", index.Articles[^1].Id);
    }

    [Fact]
    public void A_large_merge_into_a_full_index_stays_fast()
    {
        var index = new FeedIndex();
        index.Merge(Enumerable.Range(0, 5000).Select(i => Make($"old{i}", sourceId: $"s{i % 7}", minutes: i)), capacity: 5000);
        var started = System.Diagnostics.Stopwatch.StartNew();

        index.Merge(Enumerable.Range(0, 5000).Select(i => Make($"new{i}", sourceId: $"s{i % 7}", minutes: 10_000 + i)), capacity: 5000);

        Assert.Equal(5000, index.Articles.Count);
        Assert.All(index.Articles, a => Assert.StartsWith("new", a.Id));
        // O(n·m) comparisons would be 25 million story matches; the bounded window keeps this well under a second.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"merge took {started.Elapsed}");
    }

    [Fact]
    public void Null_entries_in_the_batch_are_skipped()
    {
        var index = new FeedIndex();
        index.Merge([Make("a"), null!, Make("b", minutes: 1)]);

        Assert.Equal(2, index.Articles.Count);
    }
}

public sealed class FeedIndexMergePropertyTests
{
    private static readonly Gen<List<(int Id, int Source, int Minute, int Url)>> Batch =
        Gen.Select(Gen.Int[0, 25], Gen.Int[0, 3], Gen.Int[0, 60], Gen.Int[0, 8]).List[0, 30];

    [Fact]
    public void After_any_merges_ids_are_unique_ordered_capped_and_also_published_by_is_clean()
    {
        Gen.Select(Batch, Batch).Sample((first, second) =>
        {
            var index = new FeedIndex();
            foreach (var batch in new[] { first, second })
                index.Merge(batch.Select(x => Make($"{x.Source}-{x.Id}", sourceId: $"s{x.Source}", minutes: x.Minute,
                    url: $"https://gov.example/{x.Url}")), capacity: 15);

            Assert.True(index.Articles.Count <= 15);
            Assert.Equal(index.Articles.Count, index.Articles.Select(a => a.Id).Distinct().Count());
            for (var i = 1; i < index.Articles.Count; i++) Assert.True(FeedIndex.NewestFirst(index.Articles[i - 1], index.Articles[i]) < 0);
            Assert.All(index.Articles, a =>
            {
                Assert.DoesNotContain(a.SourceId, a.AlsoPublishedBy);
                Assert.Equal(a.AlsoPublishedBy.Count, a.AlsoPublishedBy.Distinct().Count());
            });
        }, iter: 500);
    }
}
