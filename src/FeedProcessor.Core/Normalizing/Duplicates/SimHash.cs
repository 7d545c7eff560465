namespace FeedProcessor.Core.Normalizing.Duplicates;

/// <summary>
/// 64-bit SimHash (Charikar) over 3-word shingles of the lowercased letters and digits of a text: texts that
/// share most of their word sequences get hashes a few bits apart, whatever their punctuation, case or markup.
/// Words are hashed with FNV-1a while scanning, so no strings are allocated.
/// </summary>
public static class SimHash
{
    private const int ShingleSize = 3;
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static ulong Compute(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;

        Span<int> weights = stackalloc int[64];
        Span<ulong> window = stackalloc ulong[ShingleSize];
        int words = 0;
        ulong word = FnvOffset;
        bool inWord = false;

        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                c = char.ToLowerInvariant(c);
                word = (word ^ c) * FnvPrime;
                inWord = true;
                continue;
            }
            if (!inWord) continue;

            window[words % ShingleSize] = word;
            words++;
            if (words >= ShingleSize) Add(weights, Shingle(window, words));
            word = FnvOffset;
            inWord = false;
        }

        // Too short for a whole shingle: the words themselves are all there is.
        if (words is > 0 and < ShingleSize)
            for (int i = 0; i < words; i++) Add(weights, Mix(window[i]));

        ulong hash = 0;
        for (int bit = 0; bit < 64; bit++)
            if (weights[bit] > 0) hash |= 1UL << bit;
        return hash;
    }

    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    /// <summary>Order-sensitive combination of the last three word hashes (oldest first).</summary>
    private static ulong Shingle(ReadOnlySpan<ulong> window, int words)
    {
        ulong hash = 0;
        for (int k = 0; k < ShingleSize; k++)
            hash = (hash * 0x9E3779B97F4A7C15) ^ window[(words + k) % ShingleSize];
        return Mix(hash);
    }

    /// <summary>MurmurHash3's finalizer: spreads every input bit over all output bits, which SimHash needs.</summary>
    private static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccd;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53;
        h ^= h >> 33;
        return h;
    }

    private static void Add(Span<int> weights, ulong hash)
    {
        for (int bit = 0; bit < 64; bit++)
            weights[bit] += (int)((hash >> bit) & 1) * 2 - 1;
    }
}
