using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Tests.Publishing;

/// <summary>
/// Articles for a publishing test, served the way `feedproc` serves them: stored in a folder store and indexed in
/// its SQLite index (built on first use, with a retention long enough for the fixtures' 2024 dates).
/// </summary>
internal sealed class TestArchive
{
    public static readonly Retention Forever = new(Retention.MaxDays);
    private PublishedIndex? _published;

    /// <summary>A test's articles are one story only when they share a URL; the text rules have tests of their own.</summary>
    private static bool SameUrl(Core.Normalizing.Duplicates.StoryFingerprint a, Core.Normalizing.Duplicates.StoryFingerprint b) =>
        a.CanonicalUrl is not null && a.CanonicalUrl == b.CanonicalUrl;

    public List<Article> Articles { get; set; } = [];

    /// <summary>Adds the articles, or replaces those with the same id.</summary>
    public void Merge(IEnumerable<Article> articles)
    {
        foreach (var article in articles)
        {
            Articles.RemoveAll(a => a.Id == article.Id);
            Articles.Add(article);
        }
        _published = null;
    }

    /// <summary>The same index and store seen by another server, which checks the version every <paramref name="refresh"/>.</summary>
    public PublishedIndex Publish(TimeSpan refresh)
    {
        var published = Publish();
        return new PublishedIndex(published.Index, _store!, Forever, refresh);
    }

    /// <summary>Adds an article to the stored archive and its index after it was built.</summary>
    public async Task AddAsync(Article article)
    {
        var published = Publish();
        await published.Articles.WriteAsync(article, WriteCondition.None);
        await new ArticleIndexer(published.Index, Forever, SameUrl).AddAsync([article]);
    }

    private IBlobStore? _store;

    public PublishedIndex Publish()
    {
        if (_published is not null) return _published;
        var folder = Path.Combine(Path.GetTempPath(), "feedproc-archive-" + Guid.NewGuid().ToString("N"));
        var store = new FileBlobStore(folder);
        _store = store;
        var archive = new ArticleStore(store);
        foreach (var article in Articles) archive.WriteAsync(article, WriteCondition.None).GetAwaiter().GetResult();
        var index = SqliteArticleIndex.ForFolder(folder);
        new ArticleIndexer(index, Forever, SameUrl).AddAsync(Articles).GetAwaiter().GetResult();
        return _published = new PublishedIndex(index, store, Forever, TimeSpan.Zero);
    }
}
