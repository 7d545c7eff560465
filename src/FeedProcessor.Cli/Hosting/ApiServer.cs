using FeedProcessor.Core.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Cli.Hosting;

/// <summary>
/// Serves the API on http://127.0.0.1:PORT/api/... with Kestrel, the same routes and the same
/// <see cref="FeedApi"/> code as the Functions app, for machines without Azure Functions Core Tools.
/// </summary>
internal static class ApiServer
{
    public static WebApplication Build(FeedApi api, int port, string? samplesFolder = null, PublicUrlPolicy? publicUrl = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // feedproc prints its own progress; the web host's logs would only repeat errors it reports itself.
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Limits.MaxRequestLineSize = 128 * 1024);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/", () => Results.Redirect("/api/"));
        if (samplesFolder is not null)
            app.MapGet("/samples/{name}", (string name) => ServeSample(samplesFolder, name, port));
        // HEAD as well as GET: some feed readers and monitors check a feed with HEAD (Kestrel sends no body for it).
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/api", methods, (HttpContext context) => ServeAsync(api, context, "", publicUrl));
        app.MapMethods("/api/{**route}", methods, (HttpContext context, string? route) => ServeAsync(api, context, route ?? "", publicUrl));
        return app;
    }

    /// <summary>
    /// Demo mode only: a file of the samples folder, by plain name (no paths, so no traversal). The samples link
    /// each other at 127.0.0.1:7071; on another --port those links are rewritten, byte for byte (the address is
    /// ASCII, so every encoding of the samples keeps it as is).
    /// </summary>
    private static IResult ServeSample(string folder, string name, int port)
    {
        if (name.Contains('/') || name.Contains('\\') || name.StartsWith('.')) return Results.NotFound();
        var path = Path.Combine(folder, name);
        if (!File.Exists(path)) return Results.NotFound();
        var contentType = Path.GetExtension(name) switch
        {
            ".json" => "application/feed+json",
            ".atom" => "application/atom+xml",
            ".html" => "text/html; charset=utf-8",
            _ => "application/rss+xml",
        };
        var bytes = File.ReadAllBytes(path);
        if (port != DemoSamples.SamplesPort) bytes = ReplaceAscii(bytes, $"127.0.0.1:{DemoSamples.SamplesPort}/", $"127.0.0.1:{port}/");
        return Results.Bytes(bytes, contentType);
    }

    private static byte[] ReplaceAscii(byte[] bytes, string from, string to)
    {
        var pattern = System.Text.Encoding.ASCII.GetBytes(from);
        var replacement = System.Text.Encoding.ASCII.GetBytes(to);
        using var output = new MemoryStream(bytes.Length);
        var rest = bytes.AsSpan();
        int at;
        while ((at = rest.IndexOf(pattern)) >= 0)
        {
            output.Write(rest[..at]);
            output.Write(replacement);
            rest = rest[(at + pattern.Length)..];
        }
        output.Write(rest);
        return output.ToArray();
    }

    private static async Task ServeAsync(FeedApi api, HttpContext context, string route, PublicUrlPolicy? publicUrl)
    {
        var response = await api.HandleAsync(AspNetCoreAdapter.ToApiRequest(context.Request, route, publicUrl), context.RequestAborted);
        await AspNetCoreAdapter.WriteAsync(context.Response, response, context.RequestAborted);
    }
}
