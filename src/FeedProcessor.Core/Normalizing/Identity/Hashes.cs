using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace FeedProcessor.Core.Normalizing.Identity;

/// <summary>Short stable hashes: the first 16 hex digits (64 bits) of SHA-256 over UTF-8 parts joined by a unit separator.</summary>
internal static class Hashes
{
    private const char Separator = '\u001F';

    public static string Short(params ReadOnlySpan<string?> parts)
    {
        // The parts include whole article texts: they are encoded into one pooled buffer, not joined into new strings.
        int maxBytes = parts.Length;
        foreach (var part in parts) maxBytes += Encoding.UTF8.GetMaxByteCount(part?.Length ?? 0);
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            int length = 0;
            for (int i = 0; i < parts.Length; i++)
            {
                if (i > 0) buffer[length++] = (byte)Separator;
                length += Encoding.UTF8.GetBytes(parts[i].AsSpan(), buffer.AsSpan(length));
            }
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
