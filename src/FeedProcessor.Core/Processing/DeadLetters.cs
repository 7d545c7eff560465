using System.Text.Json;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// Blob events Event Grid gave up delivering (retries or time to live exhausted, or the endpoint refused them), which
/// it writes to the `deadletter` container as JSON arrays of events under
/// `{topic}/{subscription}/{yyyy}/{MM}/{dd}/{HH}/{guid}.json`. Each event names its blob in `data.url` (and in
/// `subject`, `/blobServices/default/containers/{container}/blobs/{name}`); the events for the `raw` container name
/// raw items that were never normalized.
/// </summary>
public sealed class DeadLetters(IBlobStore store)
{
    /// <param name="Name">The dead-letter blob.</param>
    /// <param name="RawNames">The raw items its events name.</param>
    /// <param name="Events">How many events it holds, whatever they name.</param>
    public sealed record Letter(string Name, IReadOnlyList<string> RawNames, int Events);

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var _ in store.ListAsync(Containers.DeadLetter, null, cancellationToken).ConfigureAwait(false)) count++;
        return count;
    }

    /// <summary>Every dead-letter blob, with the raw items its events name. A blob that is not JSON names none.</summary>
    public async Task<List<Letter>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var letters = new List<Letter>();
        await foreach (var name in store.ListAsync(Containers.DeadLetter, null, cancellationToken).ConfigureAwait(false))
        {
            var blob = await store.ReadAsync(Containers.DeadLetter, name, cancellationToken).ConfigureAwait(false);
            if (blob is null) continue; // replayed and removed by another sweep meanwhile
            var (rawNames, events) = Parse(blob.Content);
            letters.Add(new Letter(name, rawNames, events));
        }
        return letters;
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(Containers.DeadLetter, name, cancellationToken);

    /// <summary>The raw names the events of one dead-letter blob name (an array of events, or a single one), and how many events it holds.</summary>
    public static (List<string> RawNames, int Events) Parse(ReadOnlySpan<byte> content)
    {
        var names = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToArray());
        }
        catch (JsonException)
        {
            return (names, 0);
        }
        using (document)
        {
            var events = document.RootElement.ValueKind == JsonValueKind.Array ? [.. document.RootElement.EnumerateArray()] : new[] { document.RootElement };
            foreach (var e in events)
                if (RawNameOf(e) is { } name) names.Add(name);
            return (names, events.Length);
        }
    }

    /// <summary>
    /// The raw blob an event names, from its subject or else its data.url; null for another container or anything unsafe.
    /// The container is matched by its end, so that a deployment with a container-name prefix works too.
    /// </summary>
    public static string? RawNameOf(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        const string ContainersSegment = "/containers/", Blobs = "/blobs/";
        if (e.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.String && subject.GetString() is { } s)
        {
            var c = s.IndexOf(ContainersSegment, StringComparison.Ordinal);
            var b = c < 0 ? -1 : s.IndexOf(Blobs, c + ContainersSegment.Length, StringComparison.Ordinal);
            if (b > 0)
            {
                var container = s[(c + ContainersSegment.Length)..b];
                var name = s[(b + Blobs.Length)..];
                return IsRaw(container) && BlobNames.IsSafe(name) ? name : null;
            }
        }
        if (e.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
            && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var uri))
        {
            var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
            // https://{account}.blob.core.windows.net/{container}/{name}, or path style (Azurite): /{account}/{container}/{name}.
            for (var i = 0; i < Math.Min(2, segments.Length - 1); i++)
                if (IsRaw(segments[i]))
                {
                    var name = string.Join('/', segments[(i + 1)..]);
                    return BlobNames.IsSafe(name) ? name : null;
                }
        }
        return null;
    }

    private static bool IsRaw(string container) => container.EndsWith(Containers.Raw, StringComparison.Ordinal);
}
