using System.Security.Cryptography;
using System.Text;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Fetching;

/// <summary>
/// What a source's fetch state was learned under: its definition and the network policy. A source that failed,
/// then was fixed (a new URL, kind or selectors, or --allow-private-network for a local source), must not sit out
/// the backoff of the old failures.
/// </summary>
public static class PollPolicy
{
    public static string Fingerprint(SourceDefinition source, FetcherOptions options)
    {
        // Records print every property (selectors included), so any change to the definition changes the text.
        var text = $"{source}\nallowPrivateNetwork={options.AllowPrivateNetwork}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..8]);
    }

    /// <summary>
    /// Forgets what the old policy taught: failures and their backoff, server waits, validators and redirects
    /// (they belonged to the old URL). Seen item keys stay, so nothing already stored is fetched as new.
    /// </summary>
    public static void ForgetLearned(SourceFetchState state)
    {
        state.ConsecutiveFailures = 0;
        state.NextPollNotBefore = null;
        state.ETag = null;
        state.LastModified = null;
        state.PendingRedirect = null;
        state.MovedTo = null;
    }
}
