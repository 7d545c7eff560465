using System.Security.Cryptography;
using System.Text;

namespace FeedProcessor.Core.Normalizing.Identity;

/// <summary>Short stable hashes: the first 16 hex digits (64 bits) of SHA-256 over UTF-8 parts joined by a unit separator.</summary>
internal static class Hashes
{
    private const char Separator = '\u001F';

    public static string Short(params ReadOnlySpan<string?> parts)
    {
        var builder = new StringBuilder();
        for (int i = 0; i < parts.Length; i++)
        {
            if (i > 0) builder.Append(Separator);
            builder.Append(parts[i]);
        }
        var text = builder.ToString();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }
}
