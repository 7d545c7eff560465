using FeedProcessor.Core.Storage;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// A journal of raw items whose articles may be stored but not yet added to the article index
/// (`state/pending/{id}.json`). Written before a batch is normalized and deleted once its merge is done, so a crash
/// or an outage between storing an article and merging it leaves a note that the next cycle (of any process) follows.
/// Normalizing and merging are idempotent, so following a note twice is harmless.
/// </summary>
public sealed class PendingMerges(IBlobStore store)
{
    public const string Prefix = "pending/";

    internal sealed record Note(List<string> RawNames);

    public async Task<string> WriteAsync(IReadOnlyCollection<string> rawNames, CancellationToken cancellationToken = default)
    {
        var name = $"{Prefix}{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}.json";
        await store.WriteAsync(Containers.State, name, StoredJson.Serialize(new Note([.. rawNames])), WriteCondition.None, cancellationToken)
            .ConfigureAwait(false);
        return name;
    }

    /// <summary>Every note left, and the raw names they list.</summary>
    public async Task<(List<string> Notes, HashSet<string> RawNames)> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        var rawNames = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var name in store.ListAsync(Containers.State, Prefix, cancellationToken).ConfigureAwait(false))
        {
            notes.Add(name);
            var blob = await store.ReadAsync(Containers.State, name, cancellationToken).ConfigureAwait(false);
            if (blob is null) continue; // followed and deleted by another process meanwhile
            try
            {
                foreach (var raw in StoredJson.Deserialize<Note>(blob.Content)?.RawNames ?? [])
                    if (BlobNames.IsSafe(raw)) rawNames.Add(raw);
            }
            catch (System.Text.Json.JsonException)
            {
                // A note cut short (the folder store writes atomically, so only by hand): the full scan at start covers it.
            }
        }
        return (notes, rawNames);
    }

    public async Task DeleteAsync(IEnumerable<string> notes, CancellationToken cancellationToken = default)
    {
        foreach (var note in notes)
            await store.DeleteAsync(Containers.State, note, cancellationToken).ConfigureAwait(false);
    }
}
