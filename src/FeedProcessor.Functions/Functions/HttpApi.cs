using FeedProcessor.Core.Api;
using FeedProcessor.Core.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace FeedProcessor.Functions.Functions;

/// <summary>
/// The read-only, anonymous HTTP API: each function hands its route to the shared <see cref="FeedApi"/>,
/// exactly as `feedproc run` does, so both serve the same bytes.
/// </summary>
public sealed class HttpApi(FeedApi api, SourceCatalog catalog, PublicUrlPolicy publicUrl)
{
    [Function("PublishFeed")]
    public Task<IActionResult> PublishFeed([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "feed")] HttpRequest request) =>
        ServeAsync(request, "feed");

    [Function("Sources")]
    public Task<IActionResult> Sources([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "sources")] HttpRequest request) =>
        ServeAsync(request, "sources");

    [Function("SourcesOpml")]
    public Task<IActionResult> SourcesOpml([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "sources.opml")] HttpRequest request) =>
        ServeAsync(request, "sources.opml");

    [Function("Health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "health")] HttpRequest request) =>
        ServeAsync(request, "health");

    /// <summary>
    /// `/api/` (the page for people) and every other path below `/api/`, which gets the API's 404 problem.
    /// An empty route would default to the function's name, so this is a catch-all; literal routes win over it.
    /// </summary>
    [Function("Home")]
    public Task<IActionResult> Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*rest}")] HttpRequest request, string? rest) =>
        ServeAsync(request, rest ?? "");

    private async Task<IActionResult> ServeAsync(HttpRequest request, string route)
    {
        await catalog.EnsureLoadedAsync(request.HttpContext.RequestAborted);
        var response = await api.HandleAsync(AspNetCoreAdapter.ToApiRequest(request, route, publicUrl), request.HttpContext.RequestAborted);
        return new ApiResponseResult(response);
    }

    /// <summary>Writes the shared API's response as it is (status, headers, bytes).</summary>
    private sealed class ApiResponseResult(ApiResponse response) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) =>
            AspNetCoreAdapter.WriteAsync(context.HttpContext.Response, response, context.HttpContext.RequestAborted);
    }
}
