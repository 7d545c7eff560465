using Azure.Core;
using Azure.Identity;

namespace FeedProcessor.Core.Storage;

/// <summary>Chooses the store from the options users give: `--store DIR` (default) or `--storage CONNECTION`.</summary>
public static class BlobStoreFactory
{
    public const string DefaultFolder = ".feedproc";

    public static IBlobStore Create(string? folder, string? storage)
    {
        if (!string.IsNullOrWhiteSpace(storage)) return AzureBlobStore.Create(storage);
        return new FileBlobStore(string.IsNullOrWhiteSpace(folder) ? DefaultFolder : folder);
    }

    /// <summary>
    /// The Functions app's data connection, named like the blob trigger's: either a connection string in
    /// <c>{name}</c>, or identity-based settings <c>{name}__blobServiceUri</c> with <c>{name}__clientId</c> for a
    /// user-assigned managed identity.
    /// </summary>
    public static IBlobStore FromConnectionSettings(Func<string, string?> setting, string name)
    {
        var connection = setting(name);
        if (!string.IsNullOrWhiteSpace(connection)) return AzureBlobStore.Create(connection);
        var serviceUri = setting($"{name}__blobServiceUri") ?? setting($"{name}:blobServiceUri");
        if (string.IsNullOrWhiteSpace(serviceUri))
            throw new InvalidOperationException($"Storage is not configured: set \"{name}__blobServiceUri\" (managed identity) or \"{name}\" (a connection string).");
        var clientId = setting($"{name}__clientId") ?? setting($"{name}:clientId");
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return AzureBlobStore.Create(serviceUri, credential);
    }
}
