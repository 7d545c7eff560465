using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Cli.Hosting;

/// <summary>The Core objects one `feedproc` process needs, built from its options.</summary>
internal sealed class CliServices : IDisposable
{
    public required IReadOnlyList<SourceDefinition> Sources { get; init; }
    public required IBlobStore Store { get; init; }
    public required FeedFetcher Fetcher { get; init; }
    public required ArticleIndexer Index { get; init; }
    public required IndexMaintenance Maintenance { get; init; }
    public required Pipeline Pipeline { get; init; }
    public required FeedApi Api { get; init; }
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>When the next poll cycle starts; `run` sets it, and the home page shows it.</summary>
    public DateTimeOffset? NextCycle { get; set; }

    public static CliServices Create(IReadOnlyList<SourceDefinition> sources, string? storeFolder, string? storage, FetcherOptions fetching, Retention retention,
        bool verbose)
    {
        var loggerFactory = CliLogging.Create(verbose);
        var store = BlobStoreFactory.Create(storeFolder, storage);
        var fetcher = new FeedFetcher(fetching);
        var byId = sources.ToDictionary(s => s.Id);
        var articleIndex = ArticleIndexFactory.Create(storeFolder, storage);
        var index = new ArticleIndexer(articleIndex, retention);
        var logger = loggerFactory.CreateLogger("feedproc");
        CliServices? services = null;
        services = new CliServices
        {
            Sources = sources,
            Store = store,
            Fetcher = fetcher,
            Index = index,
            Maintenance = new IndexMaintenance(store, index, retention, logger),
            Pipeline = new Pipeline(store, fetcher, index, id => byId.GetValueOrDefault(id), logger),
            Api = new FeedApi(store, new PublishedIndex(articleIndex, store, retention), () => sources, nextCycle: () => services?.NextCycle),
            LoggerFactory = loggerFactory,
        };
        return services;
    }

    public void Dispose()
    {
        Fetcher.Dispose();
        LoggerFactory.Dispose();
    }
}
