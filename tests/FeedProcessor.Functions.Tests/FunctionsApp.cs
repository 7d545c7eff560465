using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using FeedProcessor.Functions;
using FeedProcessor.Functions.Functions;
using FeedProcessor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FeedProcessor.Functions.Tests;

/// <summary>
/// The Functions app as the worker runs it, several times over one storage account: each instance is its own service
/// provider built by <see cref="FunctionsServices.AddFeedProcessor"/>, and functions are created with
/// <see cref="ActivatorUtilities"/> and called as the host calls them. The account is the test run's Azurite; each
/// app gets containers of its own (a name prefix), so tests run side by side without a storage account each.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    private readonly List<ServiceProvider> _instances = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly string _containerPrefix = "f" + Guid.NewGuid().ToString("N")[..10] + "-";

    /// <summary>This app's index table: the app setting's account, a table of its own (the default name is shared by every app).</summary>
    public string IndexTable { get; } = "f" + Guid.NewGuid().ToString("N")[..10] + "index";

    public Azurite Storage { get; }

    private FunctionsApp(Azurite storage, Dictionary<string, string?> settings)
    {
        Storage = storage;
        _settings = settings;
    }

    /// <param name="reconcileAfter">The app setting FeedProcessor:ReconcileAfter.</param>
    public static async Task<FunctionsApp> StartAsync(LoopbackServer feeds, IEnumerable<string> sourceIds, TimeSpan reconcileAfter)
    {
        var storage = await Azurite.SharedAsync();
        var app = new FunctionsApp(storage, new Dictionary<string, string?>
        {
            ["FeedStorage"] = storage.ConnectionString,
            ["FeedProcessor:SourcesBlob"] = "config/sources.json",
            ["FeedProcessor:AllowPrivateNetwork"] = "true",
            ["FeedProcessor:ReconcileAfter"] = reconcileAfter.ToString("c"),
        });
        // What the postdeploy hook uploads: the source list, here of loopback feeds.
        var sources = string.Join(",", sourceIds.Select(id =>
            $$"""{"id": "{{id}}", "title": "Ministry {{id}}", "url": "{{feeds.BaseUrl}}/{{id}}.xml", "kind": "rss"}"""));
        await app.Store.WriteAsync(Containers.Config, "sources.json", Encoding.UTF8.GetBytes($$"""{"sources": [{{sources}}]}"""), WriteCondition.None);
        return app;
    }

    /// <summary>A store of the test's own, for looking at what the instances wrote.</summary>
    public IBlobStore Store => field ??= AzureBlobStore.Create(Storage.ConnectionString, containerPrefix: _containerPrefix);

    /// <summary>One of this app's containers, as an operator sees it in the account.</summary>
    public BlobContainerClient Container(string name) => new BlobServiceClient(Storage.ConnectionString).GetBlobContainerClient(_containerPrefix + name);

    /// <summary>A new instance of the app: its own services (caches, index merger, fetcher), the same storage.</summary>
    public Instance NewInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection().AddLogging().AddFeedProcessor(configuration);
        // The app's store exactly as registered, on this app's own containers (the last registration wins).
        services.AddSingleton<IBlobStore>(_ => AzureBlobStore.Create(configuration["FeedStorage"]!, containerPrefix: _containerPrefix));
        services.AddSingleton<IArticleIndex>(_ => new TableArticleIndex(new TableServiceClient(configuration["FeedStorage"]!), IndexTable));
        var provider = services.BuildServiceProvider();
        _instances.Add(provider);
        return new Instance(provider);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances) await instance.DisposeAsync();
    }

    public sealed class Instance(IServiceProvider services)
    {
        private T Function<T>() => ActivatorUtilities.CreateInstance<T>(services);

        public Task PollAsync() => Function<PollFeeds>().RunAsync(new TimerInfo(), CancellationToken.None);

        public Task ReconcileAsync() => Function<Reconcile>().RunAsync(new TimerInfo(), CancellationToken.None);

        /// <summary>One Event Grid delivery of a raw blob to the blob trigger.</summary>
        public async Task DeliverAsync(string rawName)
        {
            var blob = await services.GetRequiredService<IBlobStore>().ReadAsync(Containers.Raw, rawName);
            await Function<NormalizeArticle>().RunAsync(blob?.Content ?? [], rawName, CancellationToken.None);
        }

        public Task<(int Status, byte[] Body)> GetAsync(string route, string query = "") => GetAsync(route, query, (api, request) => route switch
        {
            "feed" => api.PublishFeed(request),
            "health" => api.Health(request),
            _ => throw new ArgumentException(route),
        });

        private async Task<(int Status, byte[] Body)> GetAsync(string route, string query, Func<HttpApi, HttpRequest, Task<IActionResult>> call)
        {
            var context = new DefaultHttpContext { RequestServices = services };
            context.Request.Method = "GET";
            context.Request.Scheme = "https";
            context.Request.Host = new HostString("feeds.example.org");
            context.Request.Path = "/api/" + route;
            context.Request.QueryString = new QueryString(query);
            var body = new MemoryStream();
            context.Response.Body = body;
            var result = await call(Function<HttpApi>(), context.Request);
            await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
            return (context.Response.StatusCode, body.ToArray());
        }
    }
}
