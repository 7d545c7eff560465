using System.Text;
using FeedProcessor.Core.Normalizing.Urls;

namespace FeedProcessor.Core.Normalizing.Duplicates;

/// <summary>
/// Decides whether two articles tell the same story: the same page, or the same release republished by another
/// agency under its own chrome (a different site suffix, header or a reworded sentence).
/// </summary>
public static class StoryMatcher
{
    /// <summary>
    /// Largest SimHash Hamming distance between the same release as republished. Measured on the pairs in
    /// StoryMatcherTests: the same text under another suffix or with a different boilerplate header or one changed
    /// sentence lands at 0–10 bits; different releases built from the same ministry template (same opening and
    /// closing, different facts) land at 16 or more, unrelated texts around 32. 12 keeps a margin on both sides.
    /// </summary>
    public const int MaxSimHashDistance = 12;

    /// <summary>Below this many words a text is mostly template and its SimHash says little.</summary>
    public const int MinimumWords = 40;

    /// <summary>An equal title this long is specific enough to identify a release.</summary>
    public const int MinimumTitleWords = 5;

    public static bool IsSameStory(Article a, Article b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        if (a.Url is not null && b.Url is not null
            && UrlCleaner.Canonicalize(a.Url) is { } urlA && urlA == UrlCleaner.Canonicalize(b.Url))
            return true;

        if (CountWords(a.ContentText) < MinimumWords || CountWords(b.ContentText) < MinimumWords) return false;

        var titleA = TitleKey(a.Title);
        if (CountWords(titleA) >= MinimumTitleWords && titleA == TitleKey(b.Title)) return true;

        var hashA = a.SimHash != 0 ? a.SimHash : SimHash.Compute(a.ContentText);
        var hashB = b.SimHash != 0 ? b.SimHash : SimHash.Compute(b.ContentText);
        return SimHash.Distance(hashA, hashB) <= MaxSimHashDistance;
    }

    /// <summary>Lowercase letters and digits, words separated by one space: titles compared without punctuation or case.</summary>
    internal static string TitleKey(string title)
    {
        var builder = new StringBuilder(title.Length);
        bool space = false;
        foreach (char c in title)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0) builder.Append(' ');
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else space = true;
        }
        return builder.ToString();
    }

    internal static int CountWords(string text)
    {
        int words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool letter = char.IsLetterOrDigit(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }
}
