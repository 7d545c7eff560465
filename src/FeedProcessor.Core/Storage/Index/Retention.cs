namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// How long articles stay in the archive and the index: by sort time (publication date, else first seen). Older
/// ones are not indexed, never served, and removed from both by <see cref="RetentionSweep"/>.
/// </summary>
public sealed record Retention(int Days)
{
    public const int DefaultDays = 90;
    public const int MaxDays = 36_500;

    public static Retention Default { get; } = new(DefaultDays);

    public DateTimeOffset CutoffAt(DateTimeOffset now) => now - TimeSpan.FromDays(Days);

    public DateTimeOffset Cutoff => CutoffAt(DateTimeOffset.UtcNow);

    public static Retention FromDays(int? days) => days switch
    {
        null => Default,
        < 1 or > MaxDays => throw new ArgumentOutOfRangeException(nameof(days), days, $"The retention must be 1 to {MaxDays} days."),
        _ => new Retention(days.Value),
    };
}
