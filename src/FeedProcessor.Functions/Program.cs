using Cronos;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

var settings = builder.Configuration;
builder.Services.AddSingleton<IBlobStore>(_ => BlobStoreFactory.FromConnectionSettings(name => settings[name], "FeedStorage"));
builder.Services.AddSingleton(services => new SourceCatalog(
    services.GetRequiredService<IBlobStore>(),
    settings["FeedProcessor:SourcesBlob"]?.Split('/', 2).Last() ?? "sources.json",
    Path.Combine(AppContext.BaseDirectory, "sources.json")));
builder.Services.AddSingleton(_ => new FeedFetcher(new FetcherOptions
{
    AllowPrivateNetwork = settings.GetValue("FeedProcessor:AllowPrivateNetwork", false),
    ContactUrl = settings["FeedProcessor:ContactUrl"] ?? new FetcherOptions().ContactUrl,
    TotalConcurrency = Math.Clamp(settings.GetValue("FeedProcessor:Concurrency", new FetcherOptions().TotalConcurrency), 1, FetcherOptions.MaxTotalConcurrency),
}));
builder.Services.AddSingleton(services => new PoisonStore(services.GetRequiredService<IBlobStore>()));
builder.Services.AddSingleton(services => new FeedIndexStore(services.GetRequiredService<IBlobStore>()));
builder.Services.AddSingleton(services => new CoalescingIndexMerger(services.GetRequiredService<FeedIndexStore>()));
builder.Services.AddSingleton(services => new PollCycle(
    services.GetRequiredService<IBlobStore>(), services.GetRequiredService<FeedFetcher>(), services.GetRequiredService<ILogger<PollCycle>>()));
builder.Services.AddSingleton(services => new RawItemProcessor(
    services.GetRequiredService<IBlobStore>(), id => services.GetRequiredService<SourceCatalog>().Find(id), services.GetRequiredService<ILogger<RawItemProcessor>>()));
builder.Services.AddSingleton(services =>
{
    var catalog = services.GetRequiredService<SourceCatalog>();
    // The home page shows when PollFeeds fires next: the next occurrence of its NCRONTAB schedule (six fields, UTC).
    var schedule = CronExpression.TryParse(settings["PollSchedule"] ?? "0 */15 * * * *", CronFormat.IncludeSeconds, out var parsed) ? parsed : null;
    return new FeedApi(services.GetRequiredService<IBlobStore>(), services.GetRequiredService<FeedIndexStore>(), () => catalog.Current,
        nextCycle: () => schedule?.GetNextOccurrence(DateTimeOffset.UtcNow, TimeZoneInfo.Utc));
});

builder.Build().Run();
