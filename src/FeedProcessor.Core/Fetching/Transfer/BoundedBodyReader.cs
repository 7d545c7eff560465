namespace FeedProcessor.Core.Fetching.Transfer;

/// <summary>
/// Reads a (decompressed) body into one array without ever holding more than the limit plus one byte,
/// so a lying Content-Length or a compression bomb ends as "too large" instead of OutOfMemory.
/// </summary>
internal static class BoundedBodyReader
{
    private const int InitialBufferBytes = 64 * 1024;

    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/>.</returns>
    public static async Task<byte[]?> ReadAsync(Stream stream, long? declaredLength, long maxBytes, CancellationToken ct)
    {
        if (declaredLength > maxBytes) return null;
        var buffer = new byte[(int)Math.Min(declaredLength ?? InitialBufferBytes, maxBytes + 1)];
        var filled = 0;
        byte[]? probe = null;
        while (true)
        {
            if (filled > maxBytes) return null;
            if (filled == buffer.Length)
            {
                // A full buffer may hold the whole body (exact Content-Length); probe one byte before paying for a bigger one.
                probe ??= new byte[1];
                if (await stream.ReadAsync(probe, ct).ConfigureAwait(false) == 0) return buffer;
                if (filled >= maxBytes) return null;
                Array.Resize(ref buffer, (int)Math.Min(Math.Max((long)buffer.Length * 2, InitialBufferBytes), maxBytes + 1));
                buffer[filled++] = probe[0];
                continue;
            }
            var read = await stream.ReadAsync(buffer.AsMemory(filled), ct).ConfigureAwait(false);
            if (read == 0) break;
            filled += read;
        }
        if (filled != buffer.Length) Array.Resize(ref buffer, filled);
        return buffer;
    }
}
