using System.Text.Encodings.Web;
using System.Text.Json;
using FeedProcessor.Core.Api;

namespace FeedProcessor.Core.Publishing.Http;

/// <summary>An RFC 9457 problem detail; <see cref="Parameter"/> names the query parameter at fault.</summary>
public sealed record Problem(string Type, string Title, int Status, string Detail, string? Parameter = null)
{
    public const string ContentType = "application/problem+json; charset=utf-8";
    public const string InvalidParameterType = "urn:feedprocessor:problem:invalid-parameter";

    public static Problem InvalidParameter(string parameter, string detail) =>
        new(InvalidParameterType, "Invalid query parameter", 400, detail, parameter);

    public ApiResponse ToResponse()
    {
        using var buffer = new MemoryStream();
        // Problem JSON is never embedded in HTML, so ' and + stay as they are instead of \u0027 and \u002B;
        // the relaxed encoder still escapes control characters and quotes.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("type", Type);
            json.WriteString("title", Title);
            json.WriteNumber("status", Status);
            json.WriteString("detail", SafeText.Clean(Detail));
            if (Parameter is not null) json.WriteString("parameter", Parameter);
            json.WriteEndObject();
        }
        return new ApiResponse
        {
            Status = Status,
            ContentType = ContentType,
            Body = buffer.ToArray(),
            Headers = { ["Cache-Control"] = "no-store" },
        };
    }
}
