using System.Globalization;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// The journal of raw items not yet reconciled (`state/journal/{yyyyMMddHHmmssfff}-{sourceId}-{guid}.json`): each
/// poll that writes raw items records their names here before the source's state moves on, and the reconciliation
/// sweep (<see cref="Reconciler"/>) deletes an entry once every item it names has its article. So the journal holds only
/// recent, unreconciled work, and a sweep costs O(new items), never O(history). Entry names start with their time,
/// so a listing comes oldest first and a sweep stops at the first entry still inside the grace period. An entry
/// written late (a slow write, a clock behind) is still found, because nothing is skipped by position: entries
/// leave the journal only by being reconciled.
/// </summary>
public sealed class RawJournal(IBlobStore store)
{
    public const string Prefix = "journal/";
    private const string TimeFormat = "yyyyMMddHHmmssfff";

    /// <param name="FetchedAt">When the poll fetched the items; null for an entry the sweep carried over, which any article satisfies.</param>
    public sealed record Entry(List<string> RawNames, DateTimeOffset? FetchedAt);

    /// <summary>Records raw items a poll wrote (or found written but not acknowledged); returns the entry's name.</summary>
    public async Task<string> WriteAsync(string label, IReadOnlyCollection<string> rawNames, DateTimeOffset? fetchedAt, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        var name = $"{Prefix}{at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}-{label}-{Guid.NewGuid():N}.json";
        await store.WriteAsync(Containers.State, name, StoredJson.Serialize(new Entry([.. rawNames], fetchedAt)), WriteCondition.None, cancellationToken)
            .ConfigureAwait(false);
        return name;
    }

    /// <summary>Entries written before <paramref name="before"/>, oldest first, with what they hold (null when unreadable or gone).</summary>
    public async Task<List<(string Name, Entry? Entry)>> ReadDueAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var cutoff = Prefix + before.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);
        var due = new List<(string, Entry?)>();
        await foreach (var name in store.ListAsync(Containers.State, Prefix, cancellationToken).ConfigureAwait(false))
        {
            if (string.CompareOrdinal(name, cutoff) >= 0) break; // the rest is younger still
            var blob = await store.ReadAsync(Containers.State, name, cancellationToken).ConfigureAwait(false);
            Entry? entry = null;
            try
            {
                if (blob is not null) entry = StoredJson.Deserialize<Entry>(blob.Content);
            }
            catch (System.Text.Json.JsonException)
            {
                // Cut short (by hand: both stores write whole blobs); nothing in it can be followed.
            }
            due.Add((name, entry));
        }
        return due;
    }

    public async Task DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        foreach (var name in names)
            await store.DeleteAsync(Containers.State, name, cancellationToken).ConfigureAwait(false);
    }
}
