using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace FeedProcessor.Core.Storage;

/// <summary>
/// Azure Blob Storage (or Azurite) through Azure.Storage.Blobs. In Azure it authenticates with a managed identity
/// (an account URL plus a credential), never with keys; locally a connection string such as
/// <c>UseDevelopmentStorage=true</c> selects Azurite. Retries are the SDK's, bounded, so an outage gives a clear
/// error within seconds instead of hanging a poll cycle.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    private readonly BlobServiceClient _service;
    private readonly string _containerPrefix;
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new();

    /// <param name="service">The account.</param>
    /// <param name="containerPrefix">Prepended to every container name, so that several deployments (or test runs) can share one account.</param>
    public AzureBlobStore(BlobServiceClient service, string containerPrefix = "")
    {
        _service = service;
        _containerPrefix = containerPrefix;
    }

    public string Description => $"Azure Blob Storage {_service.Uri.GetLeftPart(UriPartial.Path)}";

    /// <summary>A connection string (Azurite, keys for local tools) or an account URL used with <paramref name="credential"/>.</summary>
    public static AzureBlobStore Create(string connectionOrUrl, TokenCredential? credential = null, string containerPrefix = "")
    {
        var options = ClientOptions();
        if (Uri.TryCreate(connectionOrUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http")
            return new AzureBlobStore(new BlobServiceClient(url, credential ?? new DefaultAzureCredential(), options), containerPrefix);
        return new AzureBlobStore(new BlobServiceClient(connectionOrUrl, options), containerPrefix);
    }

    /// <summary>
    /// Bounded retries: an unreachable account fails an operation after about 1.5 s of back-off (refused
    /// connections) and at most 4 × <see cref="RetryOptions.NetworkTimeout"/> when packets vanish, so a poll
    /// cycle reports the outage and moves on instead of hanging; the work is retried on the next cycle.
    /// </summary>
    internal static BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
        return options;
    }

    public async Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        var blob = (await ContainerAsync(container, cancellationToken).ConfigureAwait(false)).GetBlobClient(name);
        try
        {
            var result = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return new StoredBlob(result.Value.Content.ToArray(), result.Value.Details.ETag.ToString("H"), result.Value.Details.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<string?> WriteAsync(string container, string name, ReadOnlyMemory<byte> content, WriteCondition condition,
        CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        var options = new BlobUploadOptions
        {
            Conditions = condition.Kind switch
            {
                WriteConditionKind.IfNotExists => new BlobRequestConditions { IfNoneMatch = ETag.All },
                WriteConditionKind.IfMatch => new BlobRequestConditions { IfMatch = new ETag(condition.ETag!) },
                _ => null,
            },
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(name) },
        };
        return await InContainerAsync(container, async client =>
        {
            try
            {
                var result = await client.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), options, cancellationToken).ConfigureAwait(false);
                return result.Value.ETag.ToString("H");
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && e.ErrorCode != BlobErrorCode.ContainerBeingDeleted)
            {
                return null;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string? prefix = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = await ContainerAsync(container, cancellationToken).ConfigureAwait(false);
        await using var pages = client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await pages.MoveNextAsync().ConfigureAwait(false)) yield break;
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
                // Deleted under us: it holds nothing, and it is there again for the next write.
                await CreateAgainAsync(client, cancellationToken).ConfigureAwait(false);
                yield break;
            }
            foreach (var item in pages.Current.Values)
                if (!item.Name.StartsWith(LeasePrefix, StringComparison.Ordinal))
                    yield return item.Name;
        }
    }

    public async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        var blob = (await ContainerAsync(container, cancellationToken).ConfigureAwait(false)).GetBlobClient(name);
        return (await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
    }

    private const string LeasePrefix = "leases/";

    public async Task<IBlobLease?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        BlobNames.Validate(name);
        var client = await ContainerAsync(container, cancellationToken).ConfigureAwait(false);
        var blob = client.GetBlobClient(LeasePrefix + name);
        // Azure leases last 15 to 60 seconds (or forever); holders renew for longer work.
        var seconds = Math.Clamp(duration.TotalSeconds, 15, 60);
        var leaseClient = blob.GetBlobLeaseClient();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await leaseClient.AcquireAsync(TimeSpan.FromSeconds(seconds), cancellationToken: cancellationToken).ConfigureAwait(false);
                return new AzureLease(leaseClient);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                return null; // someone holds it
            }
            catch (RequestFailedException e) when (e.Status == 404 && attempt == 0)
            {
                // The first lease on this name: its blob does not exist yet. Acquiring before creating costs that
                // create only once, instead of a (failing, still billed) conditional create on every poll.
                await InContainerAsync(container, async _ =>
                {
                    try
                    {
                        await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException created) when (created.Status is 409 or 412 && created.ErrorCode != BlobErrorCode.ContainerBeingDeleted)
                    {
                        // Another poller created it meanwhile: the lease on it decides.
                    }
                    return true;
                }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private Task<BlobContainerClient> ContainerAsync(string container, CancellationToken cancellationToken)
    {
        BlobNames.ValidateContainer(container);
        var lazy = _containers.GetOrAdd(container, c => new Lazy<Task<BlobContainerClient>>(async () =>
        {
            var client = _service.GetBlobContainerClient(_containerPrefix + c);
            await client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return client;
        }));
        var task = lazy.Value;
        // A failed creation (storage down) must not be cached forever.
        if (task.IsFaulted) _containers.TryRemove(container, out _);
        return task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Runs an operation that needs the container, and when the container was deleted since it was first used (by an
    /// operator, or a test resetting a store) creates it again and retries once, so a running host heals instead of
    /// failing every later call until a restart. Azure removes a deleted container in the background and refuses to
    /// create it again meanwhile (ContainerBeingDeleted, typically under a minute); the operation fails until then and
    /// the next cycle retries it.
    /// </summary>
    private async Task<T> InContainerAsync<T>(string container, Func<BlobContainerClient, Task<T>> operation, CancellationToken cancellationToken)
    {
        var client = await ContainerAsync(container, cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation(client).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await CreateAgainAsync(client, cancellationToken).ConfigureAwait(false);
            return await operation(client).ConfigureAwait(false);
        }
    }

    private static Task CreateAgainAsync(BlobContainerClient client, CancellationToken cancellationToken) =>
        client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".json" => "application/json",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed class AzureLease(BlobLeaseClient lease) : IBlobLease
    {
        public async Task<bool> RenewAsync(CancellationToken cancellationToken = default)
        {
            try { await lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false); return true; }
            catch (Exception e) when (e is RequestFailedException or AggregateException or IOException or HttpRequestException) { return false; }
        }

        /// <summary>
        /// Best effort: a lease that cannot be released (expired, taken over, or storage unreachable) expires by itself,
        /// and a failed release must never undo the work done under it, e.g. turn a finished poll into a failed one.
        /// </summary>
        public async ValueTask DisposeAsync()
        {
            try { await lease.ReleaseAsync().ConfigureAwait(false); }
            catch (Exception e) when (e is RequestFailedException or AggregateException or IOException or HttpRequestException or OperationCanceledException) { }
        }
    }
}
