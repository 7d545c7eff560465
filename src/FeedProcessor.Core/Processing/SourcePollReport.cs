using FeedProcessor.Core.Fetching;

namespace FeedProcessor.Core.Processing;

/// <summary>What one source's poll did: the row printed by `feedproc poll --once` and logged by the timer.</summary>
public sealed record SourcePollReport
{
    public required string SourceId { get; init; }
    /// <summary>fetched, not-modified, skipped, failed or busy (another host holds the source's lease).</summary>
    public required string Status { get; init; }
    public int New { get; init; }
    public int Unchanged { get; init; }
    public int Failed { get; init; }
    public TimeSpan Elapsed { get; init; }
    public string? Error { get; init; }
    public SourceFetchState? State { get; init; }
    /// <summary>Names of the raw blobs this poll wrote, for the normalizer.</summary>
    public IReadOnlyList<string> RawBlobs { get; init; } = [];
    /// <summary>The journal entry (<see cref="RawJournal"/>) that records <see cref="RawBlobs"/> until they are reconciled.</summary>
    public string? JournalEntry { get; init; }
}
