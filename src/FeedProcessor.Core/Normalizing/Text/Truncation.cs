namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>Shortens text at a word boundary so that nothing is cut mid-word.</summary>
internal static class Truncation
{
    public const string Ellipsis = "…";

    /// <summary>
    /// <paramref name="text"/> when it fits in <paramref name="maxLength"/>, else its longest prefix ending at a word
    /// boundary plus an ellipsis, the whole within <paramref name="maxLength"/>. Trailing punctuation before the ellipsis is dropped.
    /// </summary>
    public static string AtWordBoundary(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (text.Length <= maxLength) return text;

        int limit = maxLength - Ellipsis.Length;
        int cut = limit;
        while (cut > 0 && !char.IsWhiteSpace(text[cut])) cut--;
        // A single word longer than the limit: cutting inside it is the only option left.
        if (cut == 0) cut = limit;
        if (cut > 0 && char.IsLowSurrogate(text[cut])) cut--;

        var head = text.AsSpan(0, cut).TrimEnd();
        head = head.TrimEnd(",;:—–-.".AsSpan()).TrimEnd();
        return string.Concat(head, Ellipsis);
    }
}
