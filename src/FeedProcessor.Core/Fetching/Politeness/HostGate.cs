using System.Collections.Concurrent;

namespace FeedProcessor.Core.Fetching.Politeness;

/// <summary>
/// Limits concurrent requests per host and in total, and remembers hosts that told us to back off (429/503),
/// so every source on that host waits, not only the one that was answered.
/// </summary>
internal sealed class HostGate(int perHost, int total)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hostSlots = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _totalSlots = new(total, total);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _blockedUntil = new(StringComparer.Ordinal);

    public static string KeyOf(Uri url) => url.IdnHost.ToLowerInvariant();

    /// <summary>Takes the host slot first, so a busy host never holds a global slot while it waits.</summary>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken ct)
    {
        var hostSlot = _hostSlots.GetOrAdd(host, _ => new SemaphoreSlim(perHost, perHost));
        await hostSlot.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _totalSlots.WaitAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            hostSlot.Release();
            throw;
        }
        return new Lease(hostSlot, _totalSlots);
    }

    public DateTimeOffset? BlockedUntil(string host, DateTimeOffset now) =>
        _blockedUntil.TryGetValue(host, out var until) && until > now ? until : null;

    public void Block(string host, DateTimeOffset until) =>
        _blockedUntil.AddOrUpdate(host, until, (_, existing) => existing > until ? existing : until);

    private sealed class Lease(SemaphoreSlim hostSlot, SemaphoreSlim totalSlots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            totalSlots.Release();
            hostSlot.Release();
        }
    }
}
