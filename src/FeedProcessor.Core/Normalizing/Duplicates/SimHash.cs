using System.Runtime.Intrinsics;

namespace FeedProcessor.Core.Normalizing.Duplicates;

/// <summary>
/// 64-bit SimHash (Charikar) over 3-word shingles of the lowercased letters and digits of a text: texts that
/// share most of their word sequences get hashes a few bits apart, whatever their punctuation, case or markup.
/// Words are hashed with FNV-1a while scanning, so no strings are allocated. Each shingle's bits are counted
/// eight at a time through a byte-to-lanes table, which gives the same hash as adding ±1 bit by bit, several times faster.
/// </summary>
public static class SimHash
{
    private const int ShingleSize = 3;
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static ulong Compute(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;

        // Set bits per position, eight positions per vector; a bit ends up set when most shingles had it set.
        Span<Vector256<int>> setBits = stackalloc Vector256<int>[8];
        setBits.Clear();
        int shingles = 0;
        Span<ulong> window = stackalloc ulong[ShingleSize];
        int words = 0;
        ulong word = FnvOffset;
        bool inWord = false;

        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            char letter = c < 128 ? AsciiWordChars[c] : char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '\0';
            if (letter != '\0')
            {
                word = (word ^ letter) * FnvPrime;
                inWord = true;
                continue;
            }
            if (!inWord) continue;

            window[words % ShingleSize] = word;
            words++;
            if (words >= ShingleSize) { Count(setBits, Shingle(window, words)); shingles++; }
            word = FnvOffset;
            inWord = false;
        }

        // Too short for a whole shingle: the words themselves are all there is.
        if (words is > 0 and < ShingleSize)
            for (int i = 0; i < words; i++) { Count(setBits, Mix(window[i])); shingles++; }

        ulong hash = 0;
        for (int group = 0; group < 8; group++)
            for (int lane = 0; lane < 8; lane++)
                if (2 * setBits[group][lane] > shingles) hash |= 1UL << (group * 8 + lane);
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

    private static void Count(Span<Vector256<int>> setBits, ulong hash)
    {
        for (int group = 0; group < 8; group++)
            setBits[group] += ByteLanes[(int)(hash >> (group * 8)) & 0xFF];
    }

    /// <summary>ASCII letters and digits lowercased, everything else 0: most text is ASCII, and a lookup beats two calls per character.</summary>
    private static readonly char[] AsciiWordChars = Enumerable.Range(0, 128)
        .Select(c => char.IsLetterOrDigit((char)c) ? char.ToLowerInvariant((char)c) : '\0').ToArray();

    /// <summary>For each byte value, a vector whose lane i is 1 when bit i of the byte is set.</summary>
    private static readonly Vector256<int>[] ByteLanes = CreateByteLanes();

    private static Vector256<int>[] CreateByteLanes()
    {
        var table = new Vector256<int>[256];
        Span<int> lanes = stackalloc int[8];
        for (int value = 0; value < 256; value++)
        {
            for (int bit = 0; bit < 8; bit++) lanes[bit] = (value >> bit) & 1;
            table[value] = Vector256.Create<int>(lanes);
        }
        return table;
    }
}
