namespace FeedProcessor.Core.Fetching.Politeness;

/// <summary>Exponential backoff: base × 2^(failures−1), capped, shortened by up to 10 % so sources that failed together drift apart.</summary>
internal sealed class Backoff(TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
{
    public const double JitterFraction = 0.1;
    private readonly Func<double> _random = random ?? Random.Shared.NextDouble;

    public TimeSpan Nominal(int consecutiveFailures)
    {
        if (consecutiveFailures <= 0) return TimeSpan.Zero;
        var exponent = Math.Min(consecutiveFailures - 1, 30);
        var ticks = baseDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= maxDelay.Ticks ? maxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>Jitter only shortens the delay, so the cap is never exceeded.</summary>
    public TimeSpan WithJitter(int consecutiveFailures)
    {
        var nominal = Nominal(consecutiveFailures);
        return nominal - TimeSpan.FromTicks((long)(nominal.Ticks * JitterFraction * _random()));
    }
}
