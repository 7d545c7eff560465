using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>The index that goes with a store (<see cref="BlobStoreFactory"/>): SQLite in the folder, or Table Storage in the same account.</summary>
public static class ArticleIndexFactory
{
    public static IArticleIndex Create(string? folder, string? storage)
    {
        if (string.IsNullOrWhiteSpace(storage))
            return SqliteArticleIndex.ForFolder(string.IsNullOrWhiteSpace(folder) ? BlobStoreFactory.DefaultFolder : folder);
        return Uri.TryCreate(storage, UriKind.Absolute, out var account) && account.Scheme is "https" or "http"
            ? new TableArticleIndex(new TableServiceClient(TableServiceUri(account), new DefaultAzureCredential()))
            : new TableArticleIndex(new TableServiceClient(storage));
    }

    /// <summary>
    /// The Functions app's index, named like its blob connection: a connection string in <c>{name}</c>, or
    /// <c>{name}__tableServiceUri</c> (else the blob service URI with `.table.` for `.blob.`) with the same
    /// managed identity.
    /// </summary>
    public static IArticleIndex FromConnectionSettings(Func<string, string?> setting, string name)
    {
        var connection = setting(name);
        if (!string.IsNullOrWhiteSpace(connection)) return new TableArticleIndex(new TableServiceClient(connection));
        var serviceUri = setting($"{name}__tableServiceUri") ?? setting($"{name}:tableServiceUri");
        if (string.IsNullOrWhiteSpace(serviceUri))
        {
            var blobUri = setting($"{name}__blobServiceUri") ?? setting($"{name}:blobServiceUri");
            if (string.IsNullOrWhiteSpace(blobUri))
                throw new InvalidOperationException($"Storage is not configured: set \"{name}__tableServiceUri\" (managed identity) or \"{name}\" (a connection string).");
            serviceUri = TableServiceUri(new Uri(blobUri)).AbsoluteUri;
        }
        var clientId = setting($"{name}__clientId") ?? setting($"{name}:clientId");
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new TableArticleIndex(new TableServiceClient(new Uri(serviceUri), credential));
    }

    /// <summary>https://account.blob.core.windows.net → https://account.table.core.windows.net.</summary>
    public static Uri TableServiceUri(Uri account) =>
        new(account.AbsoluteUri.Replace(".blob.", ".table.", StringComparison.OrdinalIgnoreCase));
}
