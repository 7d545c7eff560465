using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Publishing;

namespace FeedProcessor.Core.Storage;

/// <summary>One JSON shape for everything FeedProcessor stores or prints: camelCase, ISO 8601 dates with offsets.</summary>
public static class StoredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Stored text is read by our code, not a browser: keep non-ASCII readable (Cyrillic, Kazakh) and compact.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // Serialization code generated at build time: no reflection over the stored types when a process starts.
        // A type missing from the context fails loudly (every stored type is written by some test).
        TypeInfoResolver = StoredJsonContext.Default,
    };

    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    public static T? Deserialize<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<T>(json, Options);
}

/// <summary>Every type FeedProcessor stores or answers with, for the source generator.</summary>
[JsonSerializable(typeof(Article))]
[JsonSerializable(typeof(SourceFetchState))]
[JsonSerializable(typeof(RawItem))]
[JsonSerializable(typeof(PoisonStore.PoisonRecord))]
[JsonSerializable(typeof(PoisonStore.AttemptCount))]
[JsonSerializable(typeof(PendingMerges.Note))]
[JsonSerializable(typeof(RawJournal.Entry))]
[JsonSerializable(typeof(ReconcileStatus))]
[JsonSerializable(typeof(FileBlobStore.LeaseRecord))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(SourceStatusList))]
internal sealed partial class StoredJsonContext : JsonSerializerContext;
