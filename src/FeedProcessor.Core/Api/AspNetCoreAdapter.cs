using Microsoft.AspNetCore.Http;

namespace FeedProcessor.Core.Api;

/// <summary>
/// Both hosts are ASP.NET Core underneath (the Functions app through ConfigureFunctionsWebApplication, `feedproc run`
/// through Kestrel), so one adapter turns their requests into <see cref="ApiRequest"/> and writes
/// <see cref="ApiResponse"/> back, byte for byte the same in both.
/// </summary>
public static class AspNetCoreAdapter
{
    /// <summary>The request as the API sees it, its public URL decided by <paramref name="publicUrl"/> (default: the Host header, no proxy trusted).</summary>
    public static ApiRequest ToApiRequest(HttpRequest request, string route, PublicUrlPolicy? publicUrl = null)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var (scheme, host, apiBasePath) = (publicUrl ?? PublicUrlPolicy.Default).Resolve(
            request.Scheme, request.Host.HasValue ? request.Host.Value : null, request.HttpContext.Connection.RemoteIpAddress,
            name => headers.GetValueOrDefault(name));
        return new()
        {
            Route = route.Trim('/'),
            Query = request.Query.SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value ?? ""))).ToList(),
            Headers = headers,
            Scheme = scheme,
            Host = host,
            ApiBasePath = apiBasePath,
        };
    }

    public static async Task WriteAsync(HttpResponse target, ApiResponse response, CancellationToken cancellationToken)
    {
        target.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers) target.Headers[name] = value;
        if (response.ContentType is not null) target.ContentType = response.ContentType;
        if (response.Body.Length > 0)
        {
            target.ContentLength = response.Body.Length;
            await target.Body.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }
    }
}
