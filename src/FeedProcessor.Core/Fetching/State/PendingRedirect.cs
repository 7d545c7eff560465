namespace FeedProcessor.Core.Fetching;

/// <summary>A permanent redirect seen on recent polls that has not yet held long enough to move the source.</summary>
public sealed class PendingRedirect
{
    public Uri Target { get; set; } = null!;
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public int Polls { get; set; }

    public PendingRedirect Clone() => (PendingRedirect)MemberwiseClone();
}
