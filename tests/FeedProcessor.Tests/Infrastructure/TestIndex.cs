using Azure.Data.Tables;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Tests.Infrastructure;

/// <summary>
/// A real article index for a test: SQLite in a fresh folder, or Table Storage in Azurite. Its retention keeps the
/// fixtures' fixed dates; the serving side checks the version on every request.
/// </summary>
internal sealed class TestIndex
{
    public static readonly Retention Forever = new(Retention.MaxDays);

    private TestIndex(IArticleIndex index, Func<Core.Normalizing.Duplicates.StoryFingerprint, Core.Normalizing.Duplicates.StoryFingerprint, bool>? isSameStory)
    {
        Index = index;
        Indexer = new ArticleIndexer(index, Forever, isSameStory);
    }

    public IArticleIndex Index { get; }
    public ArticleIndexer Indexer { get; }

    public static TestIndex Sqlite(Func<Core.Normalizing.Duplicates.StoryFingerprint, Core.Normalizing.Duplicates.StoryFingerprint, bool>? isSameStory = null) =>
        new(new SqliteArticleIndex(Path.Combine(Path.GetTempPath(), "feedproc-index-" + Guid.NewGuid().ToString("N"), SqliteArticleIndex.FileName)), isSameStory);

    public static TestIndex Table(string connectionString, Func<Core.Normalizing.Duplicates.StoryFingerprint, Core.Normalizing.Duplicates.StoryFingerprint, bool>? isSameStory = null) =>
        new(new TableArticleIndex(new TableServiceClient(connectionString), "idx" + Guid.NewGuid().ToString("N")), isSameStory);

    /// <summary>The index `feedproc` keeps beside a store: SQLite in the folder, or Table Storage in the account.</summary>
    public static TestIndex Of(IArticleIndex index) => new(index, null);

    /// <summary>The SQLite index `feedproc` keeps in a store folder.</summary>
    public static TestIndex OfFolder(string folder) => new(SqliteArticleIndex.ForFolder(folder), null);

    /// <summary>The indexed articles, in feed order, read from the store as the feed reads them.</summary>
    public async Task<List<Core.Normalizing.Article>> ArticlesAsync(IBlobStore store)
    {
        var articles = new ArticleStore(store);
        var list = new List<Core.Normalizing.Article>();
        foreach (var id in await IdsAsync())
            if ((await articles.ReadAsync(id)).Article is { } article) list.Add(article);
        return list;
    }

    /// <summary>Another writer on the same index, as a second Function instance has.</summary>
    public ArticleIndexer NewWriter(Func<Core.Normalizing.Duplicates.StoryFingerprint, Core.Normalizing.Duplicates.StoryFingerprint, bool>? isSameStory = null) =>
        new(Index, Forever, isSameStory);

    public PublishedIndex Published(IBlobStore store) => new(Index, store, Forever, TimeSpan.Zero);

    /// <summary>Every id the index holds, in feed order, duplicates kept (a doubled entry must show).</summary>
    public async Task<List<string>> IdsAsync()
    {
        var ids = new List<string>();
        IndexPosition? after = null;
        while (true)
        {
            var page = await Index.ReadAsync(IndexFilter.All, after, 500);
            ids.AddRange(page.Entries.Select(e => e.Id));
            if (page.ContinueAfter is null) return ids;
            after = page.ContinueAfter;
        }
    }
}
