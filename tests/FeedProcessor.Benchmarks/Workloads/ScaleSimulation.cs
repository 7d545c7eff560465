using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Benchmarks.Workloads;

/// <summary>
/// The scale simulation of tests/perf/scale.sh, against a running Azurite (blob and table):
/// `simulate-ingest CONNECTION PART PARTS ARTICLES SOURCES` is one normalizer process: it takes its share of the day's
/// articles, delivered the way Event Grid does (at least once: a tenth twice; out of order), stores each article and
/// adds it to the Table index one delivery at a time through <see cref="CoalescingIndexMerger"/>, as the Functions app
/// does, and prints one line: articles, seconds, storage requests, peak memory.
/// `simulate-serve CONNECTION SOURCES REQUESTS` times uncached /api/feed, a filtered and a paged request.
/// </summary>
public static class ScaleSimulation
{
    private static long _requests;

    /// <summary>Writes per table partition and per blob: what shows a hot spot (one object or partition every writer rewrites).</summary>
    private static readonly ConcurrentDictionary<string, int> PartitionWrites = new(), BlobWrites = new();

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            Interlocked.Increment(ref _requests);
            if (message.Request.Method == RequestMethod.Get) return;
            // Entity writes name their partition in the path, `table(PartitionKey='…',RowKey='…')`; inserts carry it in the body.
            var path = Uri.UnescapeDataString(message.Request.Uri.Path);
            var at = path.IndexOf("PartitionKey='", StringComparison.Ordinal);
            var partition = at < 0 ? "(insert)" : path[(at + 14)..path.IndexOf('\'', at + 14)];
            PartitionWrites.AddOrUpdate(partition.StartsWith("chg_", StringComparison.Ordinal) || at < 0 ? "chg_ (change records, each a new entity)" : partition, 1, (_, n) => n + 1);
        }
    }

    private static TableServiceClient Tables(string connection)
    {
        var options = new TableClientOptions();
        options.AddPolicy(new CountingPolicy(), HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connection, options);
    }

    private sealed class CountingStore(IBlobStore inner) : IBlobStore
    {
        public string Description => inner.Description;
        public Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken ct = default) { Interlocked.Increment(ref _requests); return inner.ReadAsync(container, name, ct); }
        public Task<string?> WriteAsync(string container, string name, ReadOnlyMemory<byte> content, WriteCondition condition, CancellationToken ct = default)
        {
            Interlocked.Increment(ref _requests);
            BlobWrites.AddOrUpdate($"{container}/{name}", 1, (_, n) => n + 1);
            return inner.WriteAsync(container, name, content, condition, ct);
        }
        public IAsyncEnumerable<string> ListAsync(string container, string? prefix = null, CancellationToken ct = default) { Interlocked.Increment(ref _requests); return inner.ListAsync(container, prefix, ct); }
        public Task<bool> DeleteAsync(string container, string name, CancellationToken ct = default) { Interlocked.Increment(ref _requests); return inner.DeleteAsync(container, name, ct); }
        public Task<IBlobLease?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken ct = default) => inner.TryAcquireLeaseAsync(container, name, duration, ct);
    }

    private static readonly string[] Languages = ["ru", "kk", "en", "uz", "ky"];

    /// <summary>An hour of the simulated day (200,000 articles a day).</summary>
    public const int RepublishLag = 8_333;

    /// <summary>
    /// Every 50th article from the second hour on is a copy: another source republishing, on its own page, the release
    /// published an hour before it, as agencies echo each other; the index must fold it into that release.
    /// </summary>
    public static int? OriginalOf(int n) => n >= RepublishLag && n % 50 == 7 ? n - RepublishLag : null;

    /// <summary>Article number <paramref name="n"/> of the simulated day: deterministic, so every process agrees.</summary>
    public static Article Article(int n, int sources)
    {
        var source = $"src{n % sources:D5}";
        var published = DateTimeOffset.UtcNow.Date.AddDays(-1).AddSeconds(n * 86_400.0 / 200_000);
        var story = OriginalOf(n) ?? n; // a copy has its original's title and text
        var words = string.Join(' ', Enumerable.Range(0, 120).Select(w => $"word{(story * 31 + w * 7) % 5000}"));
        return new Article
        {
            Id = ((ulong)n * 0x9E3779B97F4A7C15UL).ToString("x16"), // 16 hex digits, as real ids are
            SourceId = source,
            SourceTitle = $"Source {source}",
            Title = $"Decree {story} on matter {story * 7919 % 100_000}",
            Url = $"https://{source}.example.gov/news/{n}",
            Published = new DateTimeOffset(published, TimeSpan.Zero),
            FirstSeen = new DateTimeOffset(published, TimeSpan.Zero),
            Language = Languages[n % Languages.Length],
            Categories = [$"topic{n % 50}"],
            Summary = $"Summary of decree {story}.",
            ContentHtml = $"<p>{words}</p>",
            ContentText = words,
            SimHash = unchecked((ulong)story * 0x9E3779B97F4A7C15UL),
        };
    }

    public static async Task<int> IngestAsync(string connection, int part, int parts, int articles, int sources)
    {
        var store = new CountingStore(AzureBlobStore.Create(connection));
        var indexer = new ArticleIndexer(new TableArticleIndex(Tables(connection)));
        var merger = new CoalescingIndexMerger(indexer);
        var archive = new ArticleStore(store);
        var random = new Random(part);
        // This process's deliveries: its share, a tenth of them twice, shuffled.
        var deliveries = Enumerable.Range(0, articles).Where(n => n % parts == part).ToList();
        deliveries.AddRange(deliveries.Where(n => n % 10 == 3).ToList());
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(deliveries));
        var clock = Stopwatch.StartNew();
        long delivered = 0;
        // As one Functions instance: up to 16 deliveries in flight, each storing its article and waiting for the index.
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, ct) =>
        {
            var article = Article(n, sources);
            Interlocked.Increment(ref _requests); // the raw blob read a real delivery costs
            await archive.WriteAsync(article, WriteCondition.None, ct);
            await merger.MergeAsync(article, ct);
            // Progress on stderr (the script keeps stdout for the result line): a whole day takes hours here.
            if (Interlocked.Increment(ref delivered) % 5_000 == 0)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"progress part={part} delivered={delivered}/{deliveries.Count} seconds={clock.Elapsed.TotalSeconds:F0} requests={Interlocked.Read(ref _requests)}"));
        });
        var seconds = clock.Elapsed.TotalSeconds;
        var partition = PartitionWrites.Where(p => !p.Key.StartsWith("chg_", StringComparison.Ordinal)).MaxBy(p => p.Value);
        var blob = BlobWrites.MaxBy(b => b.Value);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest part={part} deliveries={deliveries.Count} copies={deliveries.Distinct().Count(n => OriginalOf(n) is not null)} seconds={seconds:F1} requests={_requests} peakMiB={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} "
            + $"busiestPartition={partition.Key} partitionWrites={partition.Value} ({partition.Value / seconds:F1}/s) mostWrittenBlob={blob.Key} blobWrites={blob.Value}"));
        return 0;
    }

    public static async Task<int> ServeAsync(string connection, int sources, int requests)
    {
        var store = AzureBlobStore.Create(connection);
        var published = new PublishedIndex(new TableArticleIndex(Tables(connection)), store, null, TimeSpan.Zero);
        var catalog = Enumerable.Range(0, sources).Select(s => new SourceDefinition { Id = $"src{s:D5}", Title = $"Source {s}", Url = new Uri($"https://src{s:D5}.example.gov/rss") }).ToList();
        string? next = null;
        foreach (var (name, query) in new (string, Func<int, string>)[]
                 {
                     ("feed", _ => ""),
                     ("filtered", i => $"source=src{i * 37 % sources:D5}&lang={Languages[i % 5]}"),
                     ("paged", _ => next is null ? "" : "after=" + next),
                 })
        {
            var times = new List<double>();
            for (var i = 0; i < requests; i++)
            {
                var api = new FeedApi(store, published, () => catalog); // a fresh instance: nothing cached
                var clock = Stopwatch.StartNew();
                var response = await api.HandleAsync(new ApiRequest { Route = "feed", Host = "127.0.0.1", Query = ParseQuery(query(i)) });
                times.Add(clock.Elapsed.TotalMilliseconds);
                if (response.Status != 200) throw new InvalidOperationException($"{name}: {response.Status}");
                if (name == "feed" && next is null)
                {
                    var text = System.Text.Encoding.UTF8.GetString(response.Body.Span);
                    var at = text.IndexOf("after=", StringComparison.Ordinal);
                    if (at > 0) next = text[(at + 6)..text.IndexOf('"', at)];
                }
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"serve {name} p50ms={times[times.Count / 2]:F1} p99ms={times[Math.Min(times.Count - 1, (int)(times.Count * 0.99))]:F1} peakMiB={Process.GetCurrentProcess().PeakWorkingSet64 / 1048576}"));
        }
        // Every article once: a walk of the whole index in pages, as a reader following `next` links would.
        var index = new TableArticleIndex(Tables(connection));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = 0;
        var pages = 0;
        var folded = 0;
        var walk = Stopwatch.StartNew();
        IndexPosition? after = null;
        do
        {
            var page = await index.ReadAsync(IndexFilter.All, after, 500);
            pages++;
            entries += page.Entries.Count;
            foreach (var entry in page.Entries) seen.Add(entry.Id);
            folded += page.Entries.Sum(e => e.AlsoPublishedBy.Count);
            after = page.ContinueAfter;
        } while (after is not null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"walk entries={entries} distinct={seen.Count} pages={pages} seconds={walk.Elapsed.TotalSeconds:F1} copiesFolded={folded}"));
        return 0;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], Uri.UnescapeDataString(p[1]))).ToList();
}
