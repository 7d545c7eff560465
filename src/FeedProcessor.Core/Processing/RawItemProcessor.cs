using System.Text;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// Normalizes raw blobs into stored articles. Idempotent, because Event Grid delivers at least once: the same
/// raw blob processed twice, or by two workers at once, gives one article. The caller merges the returned
/// articles into the feed index (one merge per batch).
/// </summary>
public sealed class RawItemProcessor(IBlobStore store, Func<string, SourceDefinition?> findSource, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ArticleStore _articles = new(store);

    /// <summary>
    /// The article for the raw blob, or null when the blob is gone (already cleaned up). Throws
    /// <see cref="UnprocessableRawItemException"/> when the item itself is at fault; any other exception is the
    /// store's (an outage, a conflict) and says nothing about the item.
    /// </summary>
    public async Task<Article?> ProcessAsync(string rawName, CancellationToken cancellationToken = default)
    {
        var blob = await store.ReadAsync(Containers.Raw, rawName, cancellationToken).ConfigureAwait(false);
        if (blob is null) return null;
        Article article;
        try
        {
            var (entry, context) = Read(rawName, blob);
            article = ArticleNormalizer.Shared.Normalize(entry, context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UnprocessableRawItemException(rawName, e);
        }
        return await StoreAsync(article, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Raw blobs a crash between polling and normalizing may have left behind: those without an article, and every
    /// version of an item that was edited (whether its newest version got in cannot be told from the names;
    /// processing a version again is harmless, since an older fetch never replaces a newer one).
    /// </summary>
    public async Task<List<string>> FindUnprocessedAsync(CancellationToken cancellationToken = default)
    {
        var ids = await _articles.ListIdsAsync(cancellationToken).ConfigureAwait(false);
        var pending = new List<string>();
        var versions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var name in store.ListAsync(Containers.Raw, null, cancellationToken).ConfigureAwait(false))
        {
            var file = name[(name.LastIndexOf('/') + 1)..];
            var id = file.Split('.')[0];
            if (!ids.Contains(id) || !file.EndsWith(".json", StringComparison.Ordinal)) pending.Add(name);
            else if (versions.TryGetValue(id, out var names)) names.Add(name);
            else versions[id] = [name];
        }
        foreach (var names in versions.Values)
            if (names.Count > 1) pending.AddRange(names);
        return pending;
    }

    private (ParsedEntry Entry, NormalizeContext Context) Read(string rawName, StoredBlob blob)
    {
        if (rawName.EndsWith(".json", StringComparison.Ordinal))
        {
            var raw = StoredJson.Deserialize<RawItem>(blob.Content)
                ?? throw new InvalidDataException($"Raw blob {rawName} holds no item.");
            return (raw.Entry, new NormalizeContext
            {
                SourceId = raw.SourceId,
                SourceTitle = raw.SourceTitle,
                SourceUrl = Uri.TryCreate(raw.SourceUrl, UriKind.Absolute, out var url) ? url : null,
                SourceLanguage = raw.SourceLanguage,
                FeedLanguage = raw.FeedLanguage,
                TimeZone = TimeZones.Find(raw.TimeZone),
                FetchedAt = raw.FetchedAt,
            });
        }

        // A scraped article dropped into `raw/{sourceId}/...` as it came (the seed's plain-text format).
        var sourceId = rawName.Contains('/') ? rawName[..rawName.IndexOf('/')] : "scraped";
        var source = findSource(sourceId);
        var feed = FeedParser.Parse(blob.Content, new ParseOptions { DocumentUrl = source?.Url, Kind = source?.Kind ?? SourceKind.Auto });
        var entry = feed.Entries.FirstOrDefault() ?? throw new InvalidDataException($"Raw blob {rawName} holds no article.");
        return (entry, new NormalizeContext
        {
            SourceId = source?.Id ?? sourceId,
            SourceTitle = source?.Title ?? entry.Site ?? sourceId,
            SourceUrl = source?.Url,
            SourceLanguage = source?.Language,
            FeedLanguage = feed.Language,
            TimeZone = TimeZones.Find(source?.TimeZone),
            FetchedAt = blob.LastModified,
        });
    }

    private async Task<Article> StoreAsync(Article article, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (existing, etag) = await _articles.ReadAsync(article.Id, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                if (await _articles.WriteAsync(article, WriteCondition.IfNotExists, cancellationToken).ConfigureAwait(false) is not null)
                    return article;
                continue; // another worker stored it first: compare with theirs
            }
            // The same delivery again, or an older fetch arriving late (a redelivered or replayed raw blob): an edit
            // keeps FirstSeen at the original time, so only the stored version's own fetch time can tell.
            if (existing.ContentHash == article.ContentHash
                || (existing.FetchedAt ?? existing.FirstSeen) > (article.FetchedAt ?? article.FirstSeen))
                return existing;

            // The source changed the article after it was first seen: same id, marked updated, earlier version kept.
            await _articles.KeepEarlierVersionAsync(existing, cancellationToken).ConfigureAwait(false);
            var fetchedAt = article.FirstSeen;
            article.FirstSeen = existing.FirstSeen;
            article.Updated ??= fetchedAt;
            article.AlsoPublishedBy = existing.AlsoPublishedBy;
            if (await _articles.WriteAsync(article, WriteCondition.IfMatch(etag!), cancellationToken).ConfigureAwait(false) is not null)
            {
                _logger.LogInformation("Article {ArticleId} from {SourceId} changed at the source; kept its earlier version", article.Id, article.SourceId);
                return article;
            }
        }
        throw new InvalidOperationException($"Article {article.Id} kept changing under concurrent writers; the raw item will be retried.");
    }
}
