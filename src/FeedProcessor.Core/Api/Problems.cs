using System.Text.Json;

namespace FeedProcessor.Core.Api;

/// <summary>RFC 9457 problem details, the one error shape of the API.</summary>
public static class Problems
{
    public static ApiResponse Create(int status, string title, string detail, string? parameter = null)
    {
        var body = new Dictionary<string, object> { ["type"] = "about:blank", ["title"] = title, ["status"] = status, ["detail"] = detail };
        if (parameter is not null) body["parameter"] = parameter;
        return new ApiResponse
        {
            Status = status,
            ContentType = "application/problem+json; charset=utf-8",
            Body = JsonSerializer.SerializeToUtf8Bytes(body),
        };
    }

    public static ApiResponse NotFound(string route) =>
        Create(404, "Not Found", "There is no such API route. Try /api/feed, /api/sources, /api/sources.opml or /api/health.");
}
