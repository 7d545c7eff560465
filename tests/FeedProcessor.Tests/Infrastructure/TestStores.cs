using FeedProcessor.Core.Storage;

namespace FeedProcessor.Tests.Infrastructure;

/// <summary>Stores for tests: each gets containers of its own, in a temporary folder or in the shared Azurite.</summary>
public static class TestStores
{
    /// <summary>A container-name prefix unique to one test (lowercase letters and digits, as Azure requires).</summary>
    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..10] + "-";

    public static async Task<IBlobStore> AzuriteAsync() =>
        AzureBlobStore.Create((await Azurite.SharedAsync()).ConnectionString, containerPrefix: UniquePrefix());

    public static IBlobStore Folder() => new FileBlobStore(Directory.CreateTempSubdirectory("feedproc-test-").FullName);
}
