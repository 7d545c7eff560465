using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CodeHollow.FeedReader;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Reliability.Support;

namespace FeedProcessor.Functions.Tests;

/// <summary>
/// The deployed shape of the app: several instances on one storage account, timers firing on more than one of them,
/// and Event Grid delivering each raw blob at least once, out of order, sometimes twice, sometimes to two instances
/// at once, and sometimes never. Whatever the deliveries, after the reconciliation sweep every article of the
/// sources is in the feed exactly once, read through the app's own HTTP function with a feed reader.
/// </summary>
public sealed class MultiInstanceTests
{
    private static readonly string[] SourceIds = ["ministry-a", "agency-b", "office-c"];

    [Fact]
    public async Task Dropped_duplicated_and_racing_deliveries_to_several_instances_end_with_every_article_once()
    {
        await using var feeds = new LoopbackServer();
        Publish(feeds, 10);
        await using var app = await FunctionsApp.StartAsync(feeds, SourceIds, reconcileAfter: TimeSpan.Zero);
        FunctionsApp.Instance[] instances = [app.NewInstance(), app.NewInstance(), app.NewInstance()];
        await instances[2].ReconcileAsync(); // the timer's first firing after the deployment, on an empty store

        // Two instances' timers fire at once; the sources publish more, and a third instance polls.
        await Task.WhenAll(instances[0].PollAsync(), instances[1].PollAsync());
        var firstRound = await NamesAsync(app.Store, Containers.Raw);
        Assert.Equal(10 * SourceIds.Length, firstRound.Count);
        var random = new Random(1313);
        var dropped = await DeliverAsync(firstRound, instances, random);
        Publish(feeds, 16);
        await instances[2].PollAsync();
        var secondRound = (await NamesAsync(app.Store, Containers.Raw)).Except(firstRound).ToList();
        Assert.Equal(6 * SourceIds.Length, secondRound.Count);
        dropped.AddRange(await DeliverAsync(secondRound, instances, random));

        // Event Grid gave up on two of the dropped blobs and dead-lettered them (one blob, two events).
        await DeadLetterAsync(app, dropped.Take(2));

        // Before the sweep the feed lacks exactly the blobs Event Grid never delivered; nothing is doubled.
        var expected = SourceIds.SelectMany(id => Enumerable.Range(0, 16).Select(i => $"https://{id}.example.gov/news/{i}")).ToHashSet();
        var missing = dropped.Select(LinkOf).ToHashSet();
        Assert.Equal(expected.Except(missing).Order(), await FeedLinksAsync(app.NewInstance()));
        using (var health = await HealthAsync(app.NewInstance()))
            Assert.Equal(1, health.RootElement.GetProperty("deadLetters").GetInt32());

        // The sweep's timer fires on two instances at once (the host makes it a singleton; this shows it need not be).
        await Task.WhenAll(instances[0].ReconcileAsync(), instances[1].ReconcileAsync());

        var reader = app.NewInstance();
        Assert.Equal(expected.Order(), await FeedLinksAsync(reader));
        using (var health = await HealthAsync(reader))
        {
            // Whichever sweep did the work (the other found the lease taken, or nothing left), all of it was done once.
            Assert.Equal(dropped.Count, health.RootElement.GetProperty("reconcile").GetProperty("totalArticles").GetInt32());
            Assert.Equal(0, health.RootElement.GetProperty("deadLetters").GetInt32());
            Assert.Equal(0, health.RootElement.GetProperty("poison").GetInt32());
        }
        Assert.Empty(await NamesAsync(app.Store, Containers.DeadLetter));
        Assert.Empty(await NamesAsync(app.Store, Containers.State, RawJournal.Prefix));
    }

    [Fact]
    public async Task Raw_items_written_while_no_event_subscription_existed_reach_the_feed_after_one_sweep()
    {
        await using var feeds = new LoopbackServer();
        Publish(feeds, 12);
        await using var app = await FunctionsApp.StartAsync(feeds, SourceIds, reconcileAfter: TimeSpan.Zero);
        var poller = app.NewInstance();
        await poller.ReconcileAsync(); // the first firing, before anything was polled
        // The first polls after `azd deploy` run before the postdeploy hook has subscribed NormalizeArticle to Event Grid.
        await poller.PollAsync();
        Assert.Empty(await FeedLinksAsync(app.NewInstance()));

        await app.NewInstance().ReconcileAsync();

        var reader = app.NewInstance();
        Assert.Equal(12 * SourceIds.Length, (await FeedLinksAsync(reader)).Count);
        using var health = await HealthAsync(reader);
        Assert.Equal(12 * SourceIds.Length, health.RootElement.GetProperty("reconcile").GetProperty("missed").GetInt32());
    }

    [Fact]
    public async Task Dead_lettered_events_are_replayed_at_once_while_the_grace_period_leaves_recent_items_to_event_grid()
    {
        await using var feeds = new LoopbackServer();
        Publish(feeds, 6);
        await using var app = await FunctionsApp.StartAsync(feeds, SourceIds, reconcileAfter: TimeSpan.FromHours(1));
        var instance = app.NewInstance();
        await instance.ReconcileAsync();
        await instance.PollAsync();
        var raw = await NamesAsync(app.Store, Containers.Raw);
        var deadLettered = raw.Where((_, i) => i % 2 == 0).ToList();
        await DeadLetterAsync(app, deadLettered);

        await instance.ReconcileAsync();

        // The dead letters are in the feed; the items still inside the grace period wait for their deliveries.
        Assert.Equal(deadLettered.Select(LinkOf).Order(), await FeedLinksAsync(app.NewInstance()));
        Assert.Empty(await NamesAsync(app.Store, Containers.DeadLetter));
        Assert.NotEmpty(await NamesAsync(app.Store, Containers.State, RawJournal.Prefix));
    }

    [Fact]
    public async Task A_container_deleted_between_two_polls_is_created_again_and_the_next_poll_succeeds()
    {
        await using var feeds = new LoopbackServer();
        Publish(feeds, 5);
        await using var app = await FunctionsApp.StartAsync(feeds, SourceIds, reconcileAfter: TimeSpan.Zero);
        var instance = app.NewInstance();
        await instance.PollAsync();
        foreach (var name in await NamesAsync(app.Store, Containers.Raw)) await instance.DeliverAsync(name);

        // An operator (or a script resetting a store) deletes containers under the running instance.
        await app.Container(Containers.Raw).DeleteAsync();
        await app.Container(Containers.State).DeleteAsync();
        Publish(feeds, 9);
        await instance.PollAsync();

        var raw = await NamesAsync(app.Store, Containers.Raw);
        Assert.Equal(9 * SourceIds.Length, raw.Count); // the state went too, so every item is new again
        foreach (var name in raw) await instance.DeliverAsync(name);
        Assert.Equal(9 * SourceIds.Length, (await FeedLinksAsync(app.NewInstance())).Count);
    }

    [Fact]
    public async Task The_index_table_deleted_under_a_running_instance_is_rebuilt_and_new_articles_keep_coming()
    {
        await using var feeds = new LoopbackServer();
        Publish(feeds, 4);
        await using var app = await FunctionsApp.StartAsync(feeds, SourceIds, reconcileAfter: TimeSpan.Zero);
        var instance = app.NewInstance();
        await instance.PollAsync();
        var first = await NamesAsync(app.Store, Containers.Raw);
        foreach (var name in first) await instance.DeliverAsync(name);
        Assert.Equal(4 * SourceIds.Length, (await FeedLinksAsync(instance)).Count);

        // An operator deletes the table (or an emulator restart loses it) under the running instances.
        await new TableServiceClient(app.Storage.ConnectionString).DeleteTableAsync(app.IndexTable);

        // The same instance (its table client made long ago) polls and normalizes on: its maintenance finds the table
        // gone and unbuilt and builds it again from the stored articles, and the new articles join them.
        Publish(feeds, 6);
        await instance.PollAsync();
        foreach (var name in (await NamesAsync(app.Store, Containers.Raw)).Except(first)) await instance.DeliverAsync(name);
        Assert.Equal(6 * SourceIds.Length, (await FeedLinksAsync(app.NewInstance())).Count);
    }

    private static void Publish(LoopbackServer feeds, int items)
    {
        foreach (var id in SourceIds) feeds.MapBytes($"/{id}.xml", GeneratedFeed.Rss(id, items));
    }

    /// <summary>
    /// Event Grid, simulated: each blob is delivered once, twice one after the other, twice at once to two instances,
    /// or never, in a shuffled order and several at a time. Returns the blobs never delivered.
    /// </summary>
    private static async Task<List<string>> DeliverAsync(IReadOnlyList<string> blobs, FunctionsApp.Instance[] instances, Random random)
    {
        var plan = blobs.Select((name, i) => (Name: name, Mode: i < 2 ? 0 : random.Next(4))).ToArray(); // at least two dropped
        random.Shuffle(plan);
        FunctionsApp.Instance Any() => instances[random.Next(instances.Length)];
        var deliveries = plan.Select(p => (p.Name, p.Mode, First: Any(), Second: Any())).ToList();
        await Parallel.ForEachAsync(deliveries, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (d, _) =>
        {
            switch (d.Mode)
            {
                case 1: await d.First.DeliverAsync(d.Name); break;
                case 2: await d.First.DeliverAsync(d.Name); await d.Second.DeliverAsync(d.Name); break;
                case 3: await Task.WhenAll(d.First.DeliverAsync(d.Name), d.Second.DeliverAsync(d.Name)); break;
            }
        });
        return [.. plan.Where(p => p.Mode == 0).Select(p => p.Name)];
    }

    /// <summary>
    /// A dead-letter blob as Event Grid writes it (`{topic}/{subscription}/{yyyy}/{MM}/{dd}/{HH}/{guid}.json`): an array
    /// of the undelivered events, with why they were given up.
    /// </summary>
    private static Task DeadLetterAsync(FunctionsApp app, IEnumerable<string> rawNames) =>
        app.Store.WriteAsync(Containers.DeadLetter, $"EVGT-FEEDPROC/NORMALIZE/{DateTime.UtcNow:yyyy/MM/dd/HH}/{Guid.NewGuid()}.json",
            DeadLetterEvents(rawNames), WriteCondition.None);

    private static byte[] DeadLetterEvents(IEnumerable<string> rawNames) => JsonSerializer.SerializeToUtf8Bytes(rawNames.Select(name => new Dictionary<string, object>
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["topic"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-feedproc/providers/Microsoft.Storage/storageAccounts/stfeedproc",
        ["subject"] = $"/blobServices/default/containers/{Containers.Raw}/blobs/{name}",
        ["eventType"] = "Microsoft.Storage.BlobCreated",
        ["eventTime"] = DateTimeOffset.UtcNow.AddHours(-25),
        ["data"] = new Dictionary<string, object>
        {
            ["api"] = "PutBlob",
            ["contentType"] = "application/json",
            ["blobType"] = "BlockBlob",
            ["url"] = $"https://stfeedproc.blob.core.windows.net/{Containers.Raw}/{name}",
        },
        ["dataVersion"] = "",
        ["metadataVersion"] = "1",
        ["deadLetterReason"] = "TimeToLiveExceeded",
        ["deliveryAttempts"] = 30,
        ["lastDeliveryOutcome"] = "Probation",
        ["publishTime"] = DateTimeOffset.UtcNow.AddHours(-25),
        ["lastDeliveryAttemptTime"] = DateTimeOffset.UtcNow.AddHours(-1),
    }));

    /// <summary>The link the generated feed gives the item of a raw blob (`{source}/{id}.{hash}.json`), read from the blob's own entry.</summary>
    private static string LinkOf(string rawName) => RawLinks[rawName];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> RawLinks = new();

    private static async Task<List<string>> NamesAsync(IBlobStore store, string container, string? prefix = null)
    {
        var names = new List<string>();
        await foreach (var name in store.ListAsync(container, prefix))
        {
            names.Add(name);
            if (container == Containers.Raw && await store.ReadAsync(container, name) is { } blob)
                RawLinks[name] = JsonDocument.Parse(blob.Content).RootElement.GetProperty("entry").GetProperty("link").GetString()!;
        }
        return names;
    }

    /// <summary>The links of the feed's items, sorted, read with a feed reader from the app's PublishFeed function; duplicates stay.</summary>
    private static async Task<List<string>> FeedLinksAsync(FunctionsApp.Instance instance)
    {
        var (status, body) = await instance.GetAsync("feed", "?limit=500");
        Assert.Equal(200, status);
        var feed = FeedReader.ReadFromString(Encoding.UTF8.GetString(body));
        return [.. feed.Items.Select(item => item.Link).Order()];
    }

    private static async Task<JsonDocument> HealthAsync(FunctionsApp.Instance instance)
    {
        var (status, body) = await instance.GetAsync("health");
        Assert.Equal(200, status);
        return JsonDocument.Parse(body);
    }
}
