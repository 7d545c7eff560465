using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Tests.Reliability.Support;

/// <summary>What a store holds, for comparing a disturbed run with an undisturbed one.</summary>
public static class StoredArticles
{
    public static async Task<List<string>> NamesAsync(IBlobStore store, string container, string? prefix = null)
    {
        var names = new List<string>();
        await foreach (var name in store.ListAsync(container, prefix)) names.Add(name);
        return names;
    }

    public static async Task<SortedSet<string>> ArticleIdsAsync(IBlobStore store) =>
        new(await new ArticleStore(store).ListIdsAsync(), StringComparer.Ordinal);

}
