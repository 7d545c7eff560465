using Cronos;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Functions;

/// <summary>
/// The Functions app's services, in one place: `Program.cs` registers them for the worker, and the tests register
/// the same ones to run several "instances" of the app against one storage account, each with its own provider.
/// </summary>
public static class FunctionsServices
{
    public static IServiceCollection AddFeedProcessor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IBlobStore>(_ => BlobStoreFactory.FromConnectionSettings(name => configuration[name], "FeedStorage"));
        services.AddSingleton(provider => new SourceCatalog(
            provider.GetRequiredService<IBlobStore>(),
            configuration["FeedProcessor:SourcesBlob"]?.Split('/', 2).Last() ?? "sources.json",
            Path.Combine(AppContext.BaseDirectory, "sources.json")));
        services.AddSingleton(_ => new FeedFetcher(new FetcherOptions
        {
            AllowPrivateNetwork = configuration.GetValue("FeedProcessor:AllowPrivateNetwork", false),
            ContactUrl = configuration["FeedProcessor:ContactUrl"] ?? new FetcherOptions().ContactUrl,
            TotalConcurrency = Math.Clamp(configuration.GetValue("FeedProcessor:Concurrency", new FetcherOptions().TotalConcurrency), 1, FetcherOptions.MaxTotalConcurrency),
        }));
        services.AddSingleton(provider => new PoisonStore(provider.GetRequiredService<IBlobStore>()));
        services.AddSingleton(_ => Retention.FromDays(configuration.GetValue<int?>("FeedProcessor:RetentionDays")));
        services.AddSingleton<IArticleIndex>(_ => ArticleIndexFactory.FromConnectionSettings(name => configuration[name], "FeedStorage"));
        services.AddSingleton(provider => new ArticleIndexer(provider.GetRequiredService<IArticleIndex>(), provider.GetRequiredService<Retention>()));
        services.AddSingleton(provider => new CoalescingIndexMerger(provider.GetRequiredService<ArticleIndexer>()));
        services.AddSingleton(provider => new IndexMaintenance(provider.GetRequiredService<IBlobStore>(), provider.GetRequiredService<ArticleIndexer>(),
            provider.GetRequiredService<Retention>(), provider.GetRequiredService<ILogger<IndexMaintenance>>()));
        services.AddSingleton(provider => new PollCycle(
            provider.GetRequiredService<IBlobStore>(), provider.GetRequiredService<FeedFetcher>(), provider.GetRequiredService<ILogger<PollCycle>>()));
        services.AddSingleton(provider => new RawItemProcessor(
            provider.GetRequiredService<IBlobStore>(), id => provider.GetRequiredService<SourceCatalog>().Find(id), provider.GetRequiredService<ILogger<RawItemProcessor>>()));
        // Set by the Bicep to https://<app>.azurewebsites.net; proxies' X-Forwarded-* headers count only when trusted.
        services.AddSingleton(_ => PublicUrlPolicy.Parse(
            configuration["FeedProcessor:PublicUrl"],
            [configuration["FeedProcessor:TrustedProxies"], .. configuration.GetSection("FeedProcessor:TrustedProxies").GetChildren().Select(child => child.Value)]));
        services.AddSingleton(provider => new Pipeline(
            provider.GetRequiredService<IBlobStore>(), provider.GetRequiredService<FeedFetcher>(), provider.GetRequiredService<ArticleIndexer>(),
            id => provider.GetRequiredService<SourceCatalog>().Find(id), provider.GetRequiredService<ILogger<Pipeline>>()));
        services.AddSingleton(provider => new Reconciler(
            provider.GetRequiredService<IBlobStore>(), provider.GetRequiredService<Pipeline>(),
            configuration.GetValue("FeedProcessor:ReconcileAfter", Reconciler.DefaultGracePeriod), provider.GetRequiredService<ILogger<Reconciler>>()));
        services.AddSingleton(provider =>
        {
            var catalog = provider.GetRequiredService<SourceCatalog>();
            // The home page shows when PollFeeds fires next: the next occurrence of its NCRONTAB schedule (six fields, UTC).
            var schedule = CronExpression.TryParse(configuration["PollSchedule"] ?? "0 */15 * * * *", CronFormat.IncludeSeconds, out var parsed) ? parsed : null;
            return new FeedApi(provider.GetRequiredService<IBlobStore>(), new PublishedIndex(provider.GetRequiredService<IArticleIndex>(),
                provider.GetRequiredService<IBlobStore>(), provider.GetRequiredService<Retention>()), () => catalog.Current,
                nextCycle: () => schedule?.GetNextOccurrence(DateTimeOffset.UtcNow, TimeZoneInfo.Utc));
        });
        return services;
    }
}
