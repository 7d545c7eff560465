using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Reliability.Support;

namespace FeedProcessor.Tests.Reliability;

/// <summary>
/// `feedproc run` killed with SIGKILL at random points while it polls and normalizes, then restarted on the same
/// store, many times; the sources keep publishing meanwhile. After one last undisturbed cycle the store holds
/// exactly the articles, and the index exactly the entries, of a run nobody disturbed.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    public const int Rounds = 20;
    private const int FinalItems = 240;
    private static readonly string[] SourceIds = ["ministry-a", "agency-b", "office-c"];
    private readonly string _work = Directory.CreateTempSubdirectory("feedproc-crash-").FullName;

    [Fact]
    public async Task Killing_run_at_random_points_loses_and_doubles_nothing()
    {
        await using var server = new LoopbackServer();
        var sourcesFile = Path.Combine(_work, "sources.json");
        await File.WriteAllTextAsync(sourcesFile, "{\"sources\": [" + string.Join(',', SourceIds.Select(id =>
            $"{{\"id\": \"{id}\", \"title\": \"{id}\", \"url\": \"{server.BaseUrl}/{id}.xml\"}}")) + "]}");
        var store = Path.Combine(_work, "store");
        var random = new Random(20240301);
        var killedWhile = new List<string>();

        for (var round = 0; round < Rounds; round++)
        {
            Serve(server, Math.Min(FinalItems, 30 + 11 * round));
            var port = Azurite.FreePort();
            using var run = Feedproc.Start(_work, "run", "--sources", sourcesFile, "--store", store, "--port", port.ToString(),
                "--interval", "00:00:01", "--allow-private-network");
            // Even rounds kill anywhere after start-up (catch-up included); odd rounds aim into the poll cycle itself,
            // measured from its start so that a slow (loaded) machine still lands them while work is in flight.
            if (round % 2 == 0)
            {
                await WaitForAsync(() => run.Stderr.Contains("Serving the merged feed"), run);
                await Task.Delay(random.Next(0, 1500));
            }
            else
            {
                await WaitForAsync(() => run.Stderr.Contains("Polling"), run);
                await Task.Delay(random.Next(0, 400));
            }
            run.KillHard();
            Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(10)), "feedproc did not die on SIGKILL");
            killedWhile.Add(run.Stderr.Contains("Cycle done") ? "after a cycle" : run.Stderr.Contains("Polling") ? "in the first cycle" : "starting");
        }
        Assert.True(killedWhile.Count(k => k == "in the first cycle") >= Rounds / 4,
            "too few kills landed while work was in flight: " + string.Join(", ", killedWhile));

        Serve(server, FinalItems);
        var final = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sourcesFile, "--store", store, "--allow-private-network");
        Assert.True(final.ExitCode == 0, final.Stderr);
        var reference = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sourcesFile, "--store", Path.Combine(_work, "reference"), "--allow-private-network");
        Assert.True(reference.ExitCode == 0, reference.Stderr);

        var crashed = new FileBlobStore(store);
        var undisturbed = new FileBlobStore(Path.Combine(_work, "reference"));
        var expected = await StoredArticles.ArticleIdsAsync(undisturbed);
        Assert.Equal(FinalItems * SourceIds.Length, expected.Count);
        Assert.Equal(expected, await StoredArticles.ArticleIdsAsync(crashed));
        var indexIds = await TestIndex.OfFolder(store).IdsAsync();
        Assert.Equal(indexIds.Count, indexIds.Distinct().Count());
        Assert.Equal(new SortedSet<string>(await TestIndex.OfFolder(Path.Combine(_work, "reference")).IdsAsync(), StringComparer.Ordinal),
            new SortedSet<string>(indexIds, StringComparer.Ordinal));
        Assert.Equal(expected.Count, (await StoredArticles.NamesAsync(crashed, Containers.Raw)).Count);
        Assert.Empty(await StoredArticles.NamesAsync(crashed, Containers.State, Core.Processing.PendingMerges.Prefix));
        // Whatever half-written temporary files the kills left, no listing shows one.
        foreach (var container in Containers.All)
            Assert.DoesNotContain(await StoredArticles.NamesAsync(crashed, container), name => name.Split('/').Any(s => s.StartsWith('.')));
    }

    private static void Serve(LoopbackServer server, int items)
    {
        foreach (var id in SourceIds)
        {
            var body = GeneratedFeed.Rss(id, items);
            // A little latency keeps a fetch in flight for a kill to land in.
            server.Map($"/{id}.xml", _ => { Thread.Sleep(40); return new LoopbackServer.Response(200, body); });
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, Feedproc process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (process.HasExited) throw new Xunit.Sdk.XunitException($"feedproc exited with {process.ExitCode}:\n{process.Stderr}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("feedproc did not start within 60 s:\n" + process.Stderr);
            await Task.Delay(20);
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
