using System.Security.Cryptography;

namespace FeedProcessor.Core.Publishing.Http;

/// <summary>Strong entity tags over the bytes of a response, and the If-None-Match comparison.</summary>
public static class EntityTags
{
    /// <summary>A quoted tag from a hash of the content type and the body: another representation gets another tag.</summary>
    public static string For(string contentType, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(contentType));
        hash.AppendData(body);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return "\"" + Convert.ToHexStringLower(digest[..16]) + "\"";
    }

    /// <summary>
    /// If-None-Match uses the weak comparison (RFC 9110 §13.1.2): "*" or any listed tag equal to ours once "W/" is
    /// ignored. Parsed in one pass; a malformed header matches nothing.
    /// </summary>
    public static bool NoneMatchHits(string? ifNoneMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch) || ifNoneMatch.Length > 8192) return false;
        var header = ifNoneMatch.AsSpan().Trim();
        if (header.SequenceEqual("*")) return true;

        var opaque = etag.AsSpan();
        var i = 0;
        while (i < header.Length)
        {
            while (i < header.Length && (header[i] == ',' || char.IsWhiteSpace(header[i]))) i++;
            if (i >= header.Length) break;
            if (header[i..].StartsWith("W/", StringComparison.Ordinal)) i += 2;
            if (i >= header.Length || header[i] != '"') return false;
            var end = header[(i + 1)..].IndexOf('"');
            if (end < 0) return false;
            if (header.Slice(i, end + 2).SequenceEqual(opaque)) return true;
            i += end + 2;
        }
        return false;
    }

    /// <summary>If-Modified-Since holds when the resource has not changed since that second (HTTP dates have no fractions).</summary>
    public static bool NotModifiedSince(string? ifModifiedSince, DateTimeOffset lastModified)
    {
        if (string.IsNullOrWhiteSpace(ifModifiedSince) || ifModifiedSince.Length > 64) return false;
        if (!DateTimeOffset.TryParseExact(ifModifiedSince.Trim(), "R", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            return false;
        var lastModifiedSeconds = lastModified.ToUnixTimeSeconds();
        return lastModifiedSeconds <= since.ToUnixTimeSeconds();
    }
}
