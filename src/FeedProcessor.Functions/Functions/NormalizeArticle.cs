using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Functions.Functions;

/// <summary>
/// Normalizes each new raw blob into an article and merges it into the feed index. Flex Consumption supports
/// only the Event Grid source for blob triggers; Event Grid delivers at least once, and processing the same
/// blob twice gives the same article and index entry. After `poisonBlobThreshold` failures (host.json) the
/// host moves the blob's message to the poison queue.
/// </summary>
public sealed class NormalizeArticle(RawItemProcessor normalizer, FeedIndexStore index, SourceCatalog catalog, ILogger<NormalizeArticle> logger)
{
    [Function(nameof(NormalizeArticle))]
    public async Task RunAsync(
        [BlobTrigger(Containers.Raw + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "FeedStorage")] byte[] content,
        string name,
        CancellationToken cancellationToken)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        var article = await normalizer.ProcessAsync(name, cancellationToken);
        if (article is null)
        {
            logger.LogInformation("Raw blob {Name} is gone; nothing to normalize", name);
            return;
        }
        await index.MergeAsync([article], cancellationToken);
        logger.LogInformation("Normalized {Name} into article {ArticleId} ({SourceId})", name, article.Id, article.SourceId);
    }
}
