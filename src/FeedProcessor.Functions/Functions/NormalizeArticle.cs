using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Functions.Functions;

/// <summary>
/// Normalizes each new raw blob into an article and adds it to the article index (together with the articles of
/// the invocations running at the same time, so copies of one story are matched together). Flex Consumption supports
/// only the Event Grid source for blob triggers; Event Grid delivers at least once, and processing the same
/// blob twice gives the same article and index entry. A blob that keeps failing is set aside in the `poison`
/// container with the reason after a bounded number of attempts (host.json's poisonBlobThreshold is a backstop).
/// </summary>
public sealed class NormalizeArticle(RawItemProcessor normalizer, CoalescingIndexMerger index, SourceCatalog catalog, PoisonStore poison, ILogger<NormalizeArticle> logger)
{
    [Function(nameof(NormalizeArticle))]
    public async Task RunAsync(
        [BlobTrigger(Containers.Raw + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = "FeedStorage")] byte[] content,
        string name,
        CancellationToken cancellationToken)
    {
        await catalog.EnsureLoadedAsync(cancellationToken);
        if (await poison.IsPoisonedAsync(name, cancellationToken)) return;
        Core.Normalizing.Article? article;
        try
        {
            article = await normalizer.ProcessAsync(name, cancellationToken);
        }
        catch (UnprocessableRawItemException e)
        {
            // The item's own fault: set aside after bounded attempts; until then rethrow, so the host delivers it again.
            // Any other exception is storage's, says nothing about the item, and is simply redelivered.
            if (await Pipeline.RecordFailureAsync(name, e, poison, logger, cancellationToken)) return;
            throw;
        }
        if (article is null)
        {
            logger.LogInformation("Raw blob {Name} is gone; nothing to normalize", name);
            return;
        }
        await index.MergeAsync(article, cancellationToken);
        logger.LogInformation("Normalized {Name} into article {ArticleId} ({SourceId})", name, article.Id, article.SourceId);
    }
}
