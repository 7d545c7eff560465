using Azure.Data.Tables;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using FeedProcessor.Tests.Infrastructure;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Storage.Index;

/// <summary>
/// The contract of the article index, run against SQLite and against Table Storage (a real Azurite): complete
/// filters, keyset pages that neither skip nor repeat, story folding, retention and the version marker.
/// </summary>
public abstract class ArticleIndexContract
{
    protected abstract Task<IArticleIndex> CreateIndexAsync();

    private static readonly Retention Forever = new(Retention.MaxDays);

    private async Task<(IArticleIndex Index, ArticleIndexer Indexer)> CreateAsync()
    {
        var index = await CreateIndexAsync();
        return (index, new ArticleIndexer(index, Forever));
    }

    private static async Task<List<IndexEntry>> ReadAllAsync(IArticleIndex index, IndexFilter filter, int pageSize)
    {
        var all = new List<IndexEntry>();
        IndexPosition? after = null;
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await index.ReadAsync(filter, after, pageSize);
            all.AddRange(page.Entries);
            if (page.ContinueAfter is null) return all;
            after = page.ContinueAfter;
        }
        throw new InvalidOperationException("The pages never end.");
    }

    [Fact]
    public async Task Reads_newest_first_with_ties_broken_by_id()
    {
        var (index, indexer) = await CreateAsync();
        await indexer.AddAsync([Make("b", minutes: 10), Make("a", minutes: 10), Make("old", minutes: 1), Make("undated", minutes: 20, dated: false)]);

        var page = await index.ReadAsync(IndexFilter.All, null, 10);

        Assert.Equal(["undated", "a", "b", "old"], page.Entries.Select(e => e.Id));
        Assert.Null(page.ContinueAfter);
    }

    [Fact]
    public async Task A_quiet_source_and_a_rare_language_are_found_behind_many_newer_articles()
    {
        var (index, indexer) = await CreateAsync();
        var busy = Enumerable.Range(0, 160).Select(i => Make($"busy{i:D4}", sourceId: $"busy{i % 40}", minutes: 10_000 + i, language: "ru")).ToList();
        await indexer.AddAsync([Make("quiet1", sourceId: "quiet", minutes: 1, language: "kk"), Make("quiet2", sourceId: "quiet", minutes: 2, language: "kk-KZ")]);
        await indexer.AddAsync(busy);

        var bySource = await index.ReadAsync(new IndexFilter { Sources = ["quiet"] }, null, 50);
        var byLanguage = await index.ReadAsync(new IndexFilter { Language = "kk" }, null, 50);
        var byRegion = await index.ReadAsync(new IndexFilter { Language = "kk-KZ" }, null, 50);
        var twoSources = await index.ReadAsync(new IndexFilter { Sources = ["quiet", "busy3"] }, null, 50);

        Assert.Equal(["quiet2", "quiet1"], bySource.Entries.Select(e => e.Id));
        Assert.Equal(["quiet2", "quiet1"], byLanguage.Entries.Select(e => e.Id));
        Assert.Equal(["quiet2"], byRegion.Entries.Select(e => e.Id));
        Assert.Equal(6, twoSources.Entries.Count);
        Assert.Equal(["quiet2", "quiet1"], twoSources.Entries.TakeLast(2).Select(e => e.Id));
    }

    [Fact]
    public async Task Categories_text_and_since_filter_over_everything()
    {
        var (index, indexer) = await CreateAsync();
        var old = Make("old", minutes: 1, text: "Уголь и нефть");
        old.Categories = ["Energy"];
        await indexer.AddAsync([old, .. Enumerable.Range(0, 300).Select(i => Make($"n{i:D3}", sourceId: $"s{i % 30}", minutes: 100 + i))]);

        Assert.Equal(["old"], (await index.ReadAsync(new IndexFilter { Category = "energy" }, null, 10)).Entries.Select(e => e.Id));
        Assert.Equal(["old"], (await index.ReadAsync(new IndexFilter { Text = "УГОЛЬ" }, null, 10)).Entries.Select(e => e.Id));
        var since = await ReadAllAsync(index, new IndexFilter { Since = Epoch.AddMinutes(390) }, 7);
        Assert.Equal(10, since.Count);
    }

    [Fact]
    public async Task Walking_the_pages_visits_every_match_once_while_articles_arrive()
    {
        var (index, indexer) = await CreateAsync();
        await indexer.AddAsync([.. Enumerable.Range(0, 120).Select(i => Make($"a{i:D3}", sourceId: $"s{i % 7}", minutes: i / 3))]);

        var seen = new List<string>();
        IndexPosition? after = null;
        var added = 0;
        while (true)
        {
            var page = await index.ReadAsync(IndexFilter.All, after, 11);
            seen.AddRange(page.Entries.Select(e => e.Id));
            // New articles arrive mid-walk, newer and older than where the walk is.
            await indexer.AddAsync([Make($"new{added++}", minutes: 1000), Make($"late{added++}", minutes: -5)]);
            if (page.ContinueAfter is null) break;
            after = page.ContinueAfter;
        }

        var original = seen.Where(id => id.StartsWith('a')).ToList();
        Assert.Equal(120, original.Count);
        Assert.Equal(120, original.Distinct().Count());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_new_version_replaces_the_entry_keeping_first_seen_and_an_older_one_does_not()
    {
        var (index, indexer) = await CreateAsync();
        await indexer.AddAsync([Make("x", minutes: 5)]);
        var newer = Make("x", minutes: 50, language: "kk");
        newer.Title = "Corrected title";
        newer.FirstSeen = Epoch.AddDays(3);
        newer.Updated = Epoch.AddDays(3);
        await indexer.AddAsync([newer]);
        var stale = Make("x", minutes: 5);
        stale.Updated = Epoch.AddDays(1);
        await indexer.AddAsync([stale]);

        var only = Assert.Single((await index.ReadAsync(IndexFilter.All, null, 10)).Entries);
        Assert.Equal("Corrected title", only.Title);
        Assert.Equal(Epoch.AddMinutes(5), only.FirstSeen);
        // The entry moved in time and language: nothing is left under its old place.
        Assert.Empty((await index.ReadAsync(new IndexFilter { Language = "ru" }, null, 10)).Entries);
        Assert.Single((await index.ReadAsync(new IndexFilter { Language = "kk" }, null, 10)).Entries);
    }

    [Fact]
    public async Task The_same_story_from_another_source_keeps_the_earliest_and_records_the_other_source_once()
    {
        var (index, indexer) = await CreateAsync();
        await indexer.AddAsync([Make("late", sourceId: "mfa", minutes: 30, url: "https://gov.kz/news/1")]);
        var early = Make("early", sourceId: "primeminister", minutes: 10, url: "https://gov.kz/news/1");
        await indexer.AddAsync([early]);
        await indexer.AddAsync([Make("late", sourceId: "mfa", minutes: 30, url: "https://gov.kz/news/1")]);
        await indexer.AddAsync([Make("third", sourceId: "energy", minutes: 40, url: "https://gov.kz/news/1"), Make("third", sourceId: "energy", minutes: 40, url: "https://gov.kz/news/1")]);

        var only = Assert.Single((await index.ReadAsync(IndexFilter.All, null, 10)).Entries);
        Assert.Equal("early", only.Id);
        Assert.Equal(["mfa", "energy"], only.AlsoPublishedBy);
    }

    [Fact]
    public async Task A_copy_hours_later_is_folded_by_title_or_page_however_many_articles_came_between()
    {
        var (index, indexer) = await CreateAsync();
        var release = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"word{i}"));
        var first = Make("first", sourceId: "primeminister", minutes: 0, text: release);
        first.Title = "Government approves the national energy plan";
        await indexer.AddAsync([first]);
        // A busy day: more articles between the two copies than a newcomer is compared with by text.
        var busy = Enumerable.Range(0, ArticleIndexer.StoryMatchWindow + 100).Select(i => Make($"busy{i:D4}", sourceId: $"busy{i % 40}", minutes: 1 + i)).ToList();
        await indexer.AddAsync(busy);
        var sameTitle = Make("copy", sourceId: "energy", minutes: 600, text: release + " with one sentence more");
        sameTitle.Title = "Government approves the National Energy Plan.";
        var samePage = Make("link", sourceId: "mfa", minutes: 900, url: first.Url);
        // Past the span a copy is a story of its own: a release repeated a day and more later is news again.
        var nextDay = Make("next-day", sourceId: "energy", minutes: 60 * 30, text: release);
        nextDay.Title = first.Title;
        await indexer.AddAsync([sameTitle]);
        await indexer.AddAsync([samePage]);
        await indexer.AddAsync([nextDay]);

        var all = await ReadAllAsync(index, IndexFilter.All, 100);
        Assert.Equal(busy.Count + 2, all.Count);
        Assert.DoesNotContain(all, e => e.Id is "copy" or "link");
        Assert.Equal(["energy", "mfa"], all.Single(e => e.Id == "first").AlsoPublishedBy);
        Assert.Empty(all.Single(e => e.Id == "next-day").AlsoPublishedBy);
    }

    [Fact]
    public async Task Older_than_lists_what_retention_removes_and_the_version_moves_on()
    {
        var (index, indexer) = await CreateAsync();
        var now = DateTimeOffset.UtcNow;
        Article At(string id, int daysAgo) { var a = Make(id); a.Published = now.AddDays(-daysAgo); a.FirstSeen = now.AddDays(-daysAgo); return a; }
        await indexer.AddAsync([At("ancient", 200), At("old", 100), At("recent", 3)]);
        var before = await index.VersionAsync();

        var old = new List<IndexEntry>();
        await foreach (var entry in index.OlderThanAsync(now.AddDays(-90))) old.Add(entry);
        foreach (var entry in old) await index.RemoveAsync(entry);

        Assert.Equal(["ancient", "old"], old.Select(e => e.Id).Order());
        Assert.Equal(["recent"], (await index.ReadAsync(IndexFilter.All, null, 10)).Entries.Select(e => e.Id));
        Assert.Null(await index.FindAsync("old"));
        Assert.NotEqual(before, await index.VersionAsync());
    }

    [Fact]
    public async Task Articles_older_than_the_retention_are_not_indexed()
    {
        var index = await CreateIndexAsync();
        var old = Make("old");
        await new ArticleIndexer(index, new Retention(90)).AddAsync([old]);
        Assert.Null(await index.FindAsync("old"));
    }

    [Fact]
    public async Task The_built_mark_is_kept()
    {
        var index = await CreateIndexAsync();
        Assert.False(await index.IsBuiltAsync());
        await index.MarkBuiltAsync();
        Assert.True(await index.IsBuiltAsync());
    }
}

public sealed class SqliteArticleIndexTests : ArticleIndexContract
{
    protected override Task<IArticleIndex> CreateIndexAsync() =>
        Task.FromResult<IArticleIndex>(new SqliteArticleIndex(Path.Combine(Path.GetTempPath(), "feedproc-index-" + Guid.NewGuid().ToString("N"), SqliteArticleIndex.FileName)));
}

public sealed class TableArticleIndexTests : ArticleIndexContract
{
    protected override async Task<IArticleIndex> CreateIndexAsync()
    {
        var azurite = await Azurite.SharedAsync();
        return new TableArticleIndex(new TableServiceClient(azurite.ConnectionString), "idx" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>A store of <paramref name="count"/> articles, all in a new table of the current layout: what an older layout is then made from.</summary>
    private static async Task<(TableServiceClient Service, string Name, FileBlobStore Store, List<Article> Articles)> IndexedStoreAsync(int count)
    {
        var azurite = await Azurite.SharedAsync();
        var service = new TableServiceClient(azurite.ConnectionString);
        var name = "idx" + Guid.NewGuid().ToString("N");
        var store = new FileBlobStore(Path.Combine(Path.GetTempPath(), "feedproc-layout-" + Guid.NewGuid().ToString("N")));
        var articles = Enumerable.Range(0, count).Select(i => Make($"a{i:D2}", sourceId: $"src{i % 3}", minutes: i * 97)).ToList();
        foreach (var article in articles) await new ArticleStore(store).WriteAsync(article, WriteCondition.None);
        await new ArticleIndexer(new TableArticleIndex(service, name), new Retention(Retention.MaxDays)).AddAsync(articles);
        return (service, name, store, articles);
    }

    [Fact]
    public async Task A_table_with_the_former_day_partitions_is_built_again_by_hour_and_the_day_partitions_go()
    {
        var (service, name, store, articles) = await IndexedStoreAsync(30);
        // What the former layout left: the feed's entities in one partition a day, and the former built mark.
        var table = service.GetTableClient(name);
        await foreach (var hourly in table.QueryAsync<TableEntity>("PartitionKey ge 'hour_' and PartitionKey lt 'hour_~'"))
        {
            var day = new DateTime(hourly.GetInt64("SortTicks")!.Value, DateTimeKind.Utc);
            await table.AddEntityAsync(new TableEntity(hourly) { PartitionKey = $"all_{99_999_999 - int.Parse(day.ToString("yyyyMMdd")):D8}" });
            await table.DeleteEntityAsync(hourly.PartitionKey, hourly.RowKey);
        }
        await table.UpsertEntityAsync(new TableEntity("meta", "built"));

        var index = new TableArticleIndex(service, name);
        Assert.False(await index.IsBuiltAsync());
        Assert.Equal(30, await IndexRebuild.RunIfNeededAsync(store, new ArticleIndexer(index, new Retention(Retention.MaxDays))));

        Assert.Equal(articles.OrderByDescending(a => a.Published).Select(a => a.Id), await TestIndex.Of(index).IdsAsync());
        Assert.Empty(await table.QueryAsync<TableEntity>("PartitionKey ge 'all_' and PartitionKey lt 'all_~'").ToListAsync());
        Assert.True(await index.IsBuiltAsync());
    }

    [Fact]
    public async Task A_table_built_before_story_keys_is_built_again_with_them()
    {
        var (service, name, store, articles) = await IndexedStoreAsync(20);
        // What the hourly layout without story keys left: no `story_` entities, and its own built mark.
        var table = service.GetTableClient(name);
        const string StoryRows = "PartitionKey ge 'story_' and PartitionKey lt 'story_~'";
        foreach (var row in await table.QueryAsync<TableEntity>(StoryRows).ToListAsync()) await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        foreach (var row in await table.QueryAsync<TableEntity>("PartitionKey eq 'meta'").ToListAsync()) await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        await table.UpsertEntityAsync(new TableEntity("meta", "built-hourly"));

        var index = new TableArticleIndex(service, name);
        Assert.False(await index.IsBuiltAsync());
        Assert.Equal(20, await IndexRebuild.RunIfNeededAsync(store, new ArticleIndexer(index, new Retention(Retention.MaxDays))));

        // Each article has a canonical URL, so each has its story-key entity again.
        Assert.Equal(20, (await table.QueryAsync<TableEntity>(StoryRows).ToListAsync()).Count);
        Assert.Equal(articles.OrderByDescending(a => a.Published).Select(a => a.Id), await TestIndex.Of(index).IdsAsync());
        Assert.True(await index.IsBuiltAsync());
    }
}
