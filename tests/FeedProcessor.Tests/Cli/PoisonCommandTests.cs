using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Reliability.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Tests.Cli;

/// <summary>
/// `feedproc poison list|retry` as an operator runs it (the real program), on the folder store and on Azure Blob
/// Storage (Azurite): an item poisoned by a since-fixed fault reaches the feed, a broken one fails again and is
/// counted, one whose raw blob is gone loses its record.
/// </summary>
public sealed class PoisonCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("feedproc-poison-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task List_and_retry_on_the_folder_store()
    {
        var folder = Path.Combine(_work, "store");
        await ListAndRetryAsync(new FileBlobStore(folder), ["--store", folder]);
    }

    [Fact]
    public async Task List_and_retry_on_azure_blob_storage()
    {
        await using var azurite = await Azurite.StartAsync(location: Path.Combine(_work, "azurite"));
        await ListAndRetryAsync(AzureBlobStore.Create(azurite.ConnectionString), ["--storage", azurite.ConnectionString]);
    }

    private async Task ListAndRetryAsync(IBlobStore store, string[] storeArgs)
    {
        var (good, others) = await PoisonedStoreAsync(store);

        var list = await Feedproc.RunAsync(_work, ["poison", "list", .. storeArgs]);
        Assert.True(list.ExitCode == 0, list.Stderr);
        var lines = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Matches(@"^ITEM\s+SOURCE\s+ATTEMPTS\s+POISONED\s+REASON$", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(good, StringComparison.Ordinal) && l.Contains(" ministry-a ") && l.Contains(" 3 ") && l.EndsWith("InvalidOperationException: the sanitizer crashed (since fixed)"));
        Assert.Contains(lines, l => l.StartsWith("ministry-a/corrupt.json ", StringComparison.Ordinal) && l.Contains("Json"));
        Assert.Matches(@"\d{4}-\d\d-\d\d \d\d:\d\dZ", lines[1]);
        Assert.Contains("3 poison items in", list.Stderr);

        var bySource = await Feedproc.RunAsync(_work, ["poison", "list", "--source", "other", .. storeArgs]);
        Assert.Single(bySource.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // the header only

        var unknown = await Feedproc.RunAsync(_work, ["poison", "retry", "ministry-a/nothing.json", .. storeArgs]);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("feedproc: ministry-a/nothing.json is not a poison item; `feedproc poison list` shows them.", unknown.Stderr);

        var retry = await Feedproc.RunAsync(_work, ["poison", "retry", .. storeArgs]);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains($"{good}: normalized into the feed", retry.Stdout);
        Assert.Contains("ministry-a/corrupt.json: failed again", retry.Stdout);
        Assert.Contains("ministry-a/gone.json: its raw item no longer exists", retry.Stdout);
        Assert.Contains("Retried 3 poison items: 1 normalized, 1 failed again, 1 gone.", retry.Stderr);

        // The good item is an article in the feed; the broken one counts one fresh failure, not poison; nothing is lost.
        var poison = new PoisonStore(store);
        Assert.Empty(await poison.ListAsync(null));
        var indexed = await TestIndex.Of(storeArgs[0] == "--store"
            ? ArticleIndexFactory.Create(storeArgs[1], null)
            : ArticleIndexFactory.Create(null, storeArgs[1])).IdsAsync();
        Assert.Contains(ArticleIdOf(good), indexed);
        Assert.Equal(1, await poison.FailedAttemptsAsync("ministry-a/corrupt.json"));
        Assert.Equal(0, await poison.FailedAttemptsAsync(good));
        Assert.NotNull(await store.ReadAsync(Containers.Raw, "ministry-a/corrupt.json"));
        Assert.All(others, name => Assert.DoesNotContain(ArticleIdOf(name), indexed)); // retry touched only poison items
    }

    /// <summary>
    /// Polls a feed of 3 items into raw (not normalized), then poisons one good item (as a bug would have), a corrupt
    /// raw blob, and one whose raw blob has since been deleted. Returns the good item and the two left alone.
    /// </summary>
    private static async Task<(string Good, IReadOnlyList<string> Others)> PoisonedStoreAsync(IBlobStore store)
    {
        await using var server = new LoopbackServer();
        server.MapBytes("/a.xml", GeneratedFeed.Rss("ministry-a", 3));
        var source = new SourceDefinition { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") };
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var reports = await new PollCycle(store, fetcher, NullLogger<PollCycle>.Instance).RunAsync([source]);
        var raw = reports.Single().RawBlobs.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, raw.Count);

        await store.WriteAsync(Containers.Raw, "ministry-a/corrupt.json", "{\"sourceId\": \"ministry-a\", \"entry\": {"u8.ToArray(), WriteCondition.None);
        var poison = new PoisonStore(store);
        var processor = new RawItemProcessor(store, _ => source);
        for (var attempt = 0; attempt < PoisonStore.MaxAttempts; attempt++)
        {
            await poison.RecordFailureAsync(raw[0], "InvalidOperationException: the sanitizer crashed (since fixed)");
            var corrupt = await Assert.ThrowsAsync<UnprocessableRawItemException>(() => processor.ProcessAsync("ministry-a/corrupt.json"));
            await poison.RecordFailureAsync("ministry-a/corrupt.json", $"{corrupt.InnerException!.GetType().Name}: {corrupt.InnerException.Message}");
            await poison.RecordFailureAsync("ministry-a/gone.json", "InvalidDataException: truncated");
        }
        Assert.Equal(3, (await poison.ListAsync("ministry-a")).Count);
        return (raw[0], raw[1..]);
    }

    private static string ArticleIdOf(string rawName) => rawName[(rawName.IndexOf('/') + 1)..].Split('.')[0];
}
