using System.Text;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Tests.Storage;

/// <summary>
/// The one contract every store keeps. The same tests run against the folder store and against Azure Blob
/// Storage (a real Azurite), so local runs and the cloud behave alike.
/// </summary>
public abstract class BlobStoreContract
{
    protected abstract Task<IBlobStore> CreateStoreAsync();

    /// <summary>Deletes a container of the last store created, behind its back, as an operator would.</summary>
    protected abstract Task DeleteContainerAsync(string container);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_container_deleted_under_a_running_store_is_created_again_on_first_use()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync(Containers.Raw, "s/before.json", Bytes("1"), WriteCondition.None);
        await (await store.TryAcquireLeaseAsync(Containers.State, "sources/s.poll", TimeSpan.FromSeconds(15)))!.DisposeAsync();
        await DeleteContainerAsync(Containers.Raw);
        await DeleteContainerAsync(Containers.State);

        Assert.Empty(await ToListAsync(store.ListAsync(Containers.Raw)));
        Assert.NotNull(await store.WriteAsync(Containers.Raw, "s/after.json", Bytes("2"), WriteCondition.IfNotExists));
        Assert.Equal(["s/after.json"], await ToListAsync(store.ListAsync(Containers.Raw)));
        await DeleteContainerAsync(Containers.Raw);
        Assert.NotNull(await store.WriteAsync(Containers.Raw, "s/again.json", Bytes("3"), WriteCondition.None));
        var lease = await store.TryAcquireLeaseAsync(Containers.State, "sources/s.poll", TimeSpan.FromSeconds(15));
        Assert.NotNull(lease);
        await lease.DisposeAsync();
    }

    [Fact]
    public async Task Reading_a_missing_blob_gives_null()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.ReadAsync(Containers.Raw, "nobody/none.json"));
    }

    [Fact]
    public async Task A_written_blob_reads_back_with_its_etag()
    {
        var store = await CreateStoreAsync();
        var etag = await store.WriteAsync(Containers.Articles, "a1.json", Bytes("{\"x\":1}"), WriteCondition.None);
        var blob = await store.ReadAsync(Containers.Articles, "a1.json");
        Assert.NotNull(blob);
        Assert.Equal("{\"x\":1}", Encoding.UTF8.GetString(blob.Content));
        Assert.Equal(etag, blob.ETag);
    }

    [Fact]
    public async Task IfNotExists_writes_once()
    {
        var store = await CreateStoreAsync();
        Assert.NotNull(await store.WriteAsync(Containers.Raw, "s/item.json", Bytes("first"), WriteCondition.IfNotExists));
        Assert.Null(await store.WriteAsync(Containers.Raw, "s/item.json", Bytes("second"), WriteCondition.IfNotExists));
        Assert.Equal("first", Encoding.UTF8.GetString((await store.ReadAsync(Containers.Raw, "s/item.json"))!.Content));
    }

    [Fact]
    public async Task IfMatch_refuses_a_stale_etag()
    {
        var store = await CreateStoreAsync();
        var first = await store.WriteAsync(Containers.Index, "feed.json", Bytes("v1"), WriteCondition.None);
        var second = await store.WriteAsync(Containers.Index, "feed.json", Bytes("v2"), WriteCondition.IfMatch(first!));
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Null(await store.WriteAsync(Containers.Index, "feed.json", Bytes("v3"), WriteCondition.IfMatch(first!)));
        Assert.Equal("v2", Encoding.UTF8.GetString((await store.ReadAsync(Containers.Index, "feed.json"))!.Content));
    }

    [Fact]
    public async Task IfMatch_on_a_missing_blob_fails()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.WriteAsync(Containers.Index, "missing.json", Bytes("v"), WriteCondition.IfMatch("\"0x1\"")));
    }

    [Fact]
    public async Task Listing_filters_by_prefix_in_ordinal_order()
    {
        var store = await CreateStoreAsync();
        foreach (var name in new[] { "b/2.json", "a/1.json", "b/1.json", "c.json" })
            await store.WriteAsync(Containers.Raw, name, Bytes(name), WriteCondition.None);
        var all = await ToListAsync(store.ListAsync(Containers.Raw));
        Assert.Equal(["a/1.json", "b/1.json", "b/2.json", "c.json"], all);
        Assert.Equal(["b/1.json", "b/2.json"], await ToListAsync(store.ListAsync(Containers.Raw, "b/")));
    }

    [Fact]
    public async Task Delete_says_whether_the_blob_was_there()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync(Containers.Poison, "x.json", Bytes("x"), WriteCondition.None);
        Assert.True(await store.DeleteAsync(Containers.Poison, "x.json"));
        Assert.False(await store.DeleteAsync(Containers.Poison, "x.json"));
        Assert.Null(await store.ReadAsync(Containers.Poison, "x.json"));
    }

    [Fact]
    public async Task A_lease_is_exclusive_until_released()
    {
        var store = await CreateStoreAsync();
        var lease = await store.TryAcquireLeaseAsync(Containers.State, "sources/a.poll", TimeSpan.FromSeconds(30));
        Assert.NotNull(lease);
        Assert.Null(await store.TryAcquireLeaseAsync(Containers.State, "sources/a.poll", TimeSpan.FromSeconds(30)));
        Assert.True(await lease.RenewAsync());
        await lease.DisposeAsync();
        await using var again = await store.TryAcquireLeaseAsync(Containers.State, "sources/a.poll", TimeSpan.FromSeconds(30));
        Assert.NotNull(again);
        Assert.Empty(await ToListAsync(store.ListAsync(Containers.State)));
    }

    [Theory]
    [InlineData("../outside.json")]
    [InlineData("a/../../b.json")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.json")]
    [InlineData(".hidden")]
    [InlineData("a\\b.json")]
    public async Task Unsafe_names_are_refused(string name)
    {
        var store = await CreateStoreAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync(Containers.Raw, name, Bytes("x"), WriteCondition.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync(Containers.Raw, name));
    }

    [Fact]
    public async Task Unknown_containers_are_refused()
    {
        var store = await CreateStoreAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync("secrets", "a.json"));
    }

    [Fact]
    public async Task Concurrent_optimistic_writers_lose_no_update()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync(Containers.Index, "counter.json", Bytes("0"), WriteCondition.None);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                while (true)
                {
                    var blob = (await store.ReadAsync(Containers.Index, "counter.json"))!;
                    var next = int.Parse(Encoding.UTF8.GetString(blob.Content)) + 1;
                    if (await store.WriteAsync(Containers.Index, "counter.json", Bytes(next.ToString()), WriteCondition.IfMatch(blob.ETag)) is not null) break;
                }
            }
        })));
        Assert.Equal("40", Encoding.UTF8.GetString((await store.ReadAsync(Containers.Index, "counter.json"))!.Content));
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> items)
    {
        var list = new List<string>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}

public sealed class FileBlobStoreTests : BlobStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("feedproc-store-").FullName;

    protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(new FileBlobStore(_folder));

    protected override Task DeleteContainerAsync(string container)
    {
        Directory.Delete(Path.Combine(_folder, container), recursive: true);
        return Task.CompletedTask;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

public sealed class AzureBlobStoreTests : BlobStoreContract
{
    private string _prefix = "";

    protected override async Task<IBlobStore> CreateStoreAsync()
    {
        var azurite = await Infrastructure.Azurite.SharedAsync();
        _prefix = Infrastructure.TestStores.UniquePrefix();
        return AzureBlobStore.Create(azurite.ConnectionString, containerPrefix: _prefix);
    }

    protected override async Task DeleteContainerAsync(string container)
    {
        var azurite = await Infrastructure.Azurite.SharedAsync();
        await new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(_prefix + container).DeleteAsync();
    }

    [Fact]
    public async Task A_poll_lease_costs_two_requests_once_its_blob_exists()
    {
        // Every request to Blob Storage is a billed transaction, and every poll of every source takes a lease.
        var azurite = await Infrastructure.Azurite.SharedAsync();
        var requests = new RequestLog();
        var options = new Azure.Storage.Blobs.BlobClientOptions();
        options.AddPolicy(requests, Azure.Core.HttpPipelinePosition.PerCall);
        var store = new AzureBlobStore(new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString, options), Infrastructure.TestStores.UniquePrefix());

        await (await store.TryAcquireLeaseAsync(Containers.State, "sources/a.poll", TimeSpan.FromSeconds(15)))!.DisposeAsync();
        requests.Entries.Clear();
        await (await store.TryAcquireLeaseAsync(Containers.State, "sources/a.poll", TimeSpan.FromSeconds(15)))!.DisposeAsync();

        Assert.Equal(["PUT comp=lease acquire", "PUT comp=lease release"], requests.Entries);
    }

    private sealed class RequestLog : Azure.Core.Pipeline.HttpPipelineSynchronousPolicy
    {
        public List<string> Entries { get; } = [];

        public override void OnSendingRequest(Azure.Core.HttpMessage message)
        {
            var request = message.Request;
            var comp = System.Web.HttpUtility.ParseQueryString(request.Uri.Query)["comp"];
            request.Headers.TryGetValue("x-ms-lease-action", out var action);
            lock (Entries) Entries.Add($"{request.Method} comp={comp} {action}".TrimEnd());
        }
    }
}
