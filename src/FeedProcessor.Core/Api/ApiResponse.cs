using System.Text;

namespace FeedProcessor.Core.Api;

/// <summary>An HTTP response built by the shared API code; hosts copy it to the wire as it is.</summary>
public sealed class ApiResponse
{
    public int Status { get; init; } = 200;
    public string? ContentType { get; init; }
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public ReadOnlyMemory<byte> Body { get; init; } = ReadOnlyMemory<byte>.Empty;

    public static ApiResponse Text(int status, string contentType, string body) =>
        new() { Status = status, ContentType = contentType, Body = Encoding.UTF8.GetBytes(body) };
}
