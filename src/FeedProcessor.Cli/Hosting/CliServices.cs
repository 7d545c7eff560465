using FeedProcessor.Core.Api;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Cli.Hosting;

/// <summary>The Core objects one `feedproc` process needs, built from its options.</summary>
internal sealed class CliServices : IDisposable
{
    public required IReadOnlyList<SourceDefinition> Sources { get; init; }
    public required IBlobStore Store { get; init; }
    public required FeedFetcher Fetcher { get; init; }
    public required FeedIndexStore Index { get; init; }
    public required Pipeline Pipeline { get; init; }
    public required FeedApi Api { get; init; }
    public required ILoggerFactory LoggerFactory { get; init; }

    public static CliServices Create(IReadOnlyList<SourceDefinition> sources, string? storeFolder, string? storage, FetcherOptions fetching)
    {
        var loggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging
            // Logs go to stderr with the progress lines; stdout carries only the command's output (the poll table).
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddSimpleConsole(options => { options.SingleLine = true; options.TimestampFormat = "HH:mm:ss "; })
            .AddFilter("Microsoft", LogLevel.Warning)
            .AddFilter("System.Net.Http", LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Information));
        var store = BlobStoreFactory.Create(storeFolder, storage);
        var fetcher = new FeedFetcher(fetching);
        var byId = sources.ToDictionary(s => s.Id);
        var index = new FeedIndexStore(store);
        var logger = loggerFactory.CreateLogger("feedproc");
        return new CliServices
        {
            Sources = sources,
            Store = store,
            Fetcher = fetcher,
            Index = index,
            Pipeline = new Pipeline(store, fetcher, index, id => byId.GetValueOrDefault(id), logger),
            Api = new FeedApi(store, index, () => sources),
            LoggerFactory = loggerFactory,
        };
    }

    public void Dispose()
    {
        Fetcher.Dispose();
        LoggerFactory.Dispose();
    }
}
