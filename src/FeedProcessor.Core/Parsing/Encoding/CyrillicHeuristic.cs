namespace FeedProcessor.Core.Parsing.Encoding;

/// <summary>
/// Guesses the single-byte encoding of text that is not UTF-8. Russian and Kazakh text is mostly lowercase:
/// windows-1251 puts lowercase Cyrillic at 0xE0–0xFF, KOI8-R at 0xC0–0xDF. In Western text the high bytes are
/// accented letters standing alone between ASCII letters; Cyrillic words are runs of high bytes.
/// </summary>
internal static class CyrillicHeuristic
{
    public static System.Text.Encoding Guess(ReadOnlySpan<byte> bytes)
    {
        int adjacentHigh = 0, upperHalf = 0, lowerHalf = 0;
        byte previous = 0;
        foreach (var b in bytes)
        {
            if (b >= 0xC0 && previous >= 0xC0) adjacentHigh++;
            previous = b;
            if (b >= 0xE0) upperHalf++;
            else if (b >= 0xC0) lowerHalf++;
        }
        var cyrillic = upperHalf + lowerHalf;
        if (cyrillic == 0 || adjacentHigh * 3 < cyrillic) return System.Text.Encoding.GetEncoding(1252);
        return lowerHalf > upperHalf ? System.Text.Encoding.GetEncoding(20866) : System.Text.Encoding.GetEncoding(1251);
    }
}
