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
    /// Largest SimHash Hamming distance between the same release as republished. Measured on the texts in
    /// Normalizing/Duplicates/testdata (about 140 words): the same text with one sentence reworded lands at 11 bits,
    /// with another agency's header and footer at 13; a different release from the same ministry template lands at 31,
    /// an unrelated release at 27. 16 keeps a margin on both sides. SimHash alone cannot tell a republished release
    /// from the same template filled with other facts (13 bits as well), so within the threshold the numbers must
    /// agree too: see <see cref="NumbersAgree"/>.
    /// </summary>
    public const int MaxSimHashDistance = 16;

    /// <summary>Below this many words a text is mostly template and its SimHash says little.</summary>
    public const int MinimumWords = 40;

    /// <summary>An equal title this long is specific enough to identify a release.</summary>
    public const int MinimumTitleWords = 5;

    public static bool IsSameStory(Article a, Article b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return IsSameStory(StoryFingerprint.Of(a), StoryFingerprint.Of(b));
    }

    /// <summary>The same decision from what the index keeps of each article, without its text.</summary>
    public static bool IsSameStory(StoryFingerprint a, StoryFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        if (a.CanonicalUrl is not null && a.CanonicalUrl == b.CanonicalUrl) return true;

        if (!a.HasText || !b.HasText) return false;

        if (a.SpecificTitleKey is { } title && title == b.SpecificTitleKey) return true;

        return SimHash.Distance(a.SimHash, b.SimHash) <= MaxSimHashDistance && NumbersAgree(a.NumberSet, b.NumberSet);
    }

    internal static bool NumbersAgree(string a, string b) => NumbersAgree(Numbers(a), Numbers(b));

    /// <summary>
    /// Republishing keeps the facts: the numbers of the text with fewer of them (dates, amounts, percentages) all appear
    /// in the other, one miss allowed when there are five or more. A template with other figures fails this.
    /// </summary>
    internal static bool NumbersAgree(HashSet<string> numbersA, HashSet<string> numbersB)
    {
        var (fewer, more) = numbersA.Count <= numbersB.Count ? (numbersA, numbersB) : (numbersB, numbersA);
        int missing = fewer.Count(number => !more.Contains(number));
        return missing == 0 || (missing == 1 && fewer.Count >= 5);
    }

    /// <summary>Digit runs; "2.4" and "2,4" are one number (its digits), so decimal marks of either style compare equal.</summary>
    internal static HashSet<string> Numbers(string text)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var number = new StringBuilder();
        for (int i = 0; i <= text.Length; i++)
        {
            char c = i < text.Length ? text[i] : ' ';
            if (char.IsAsciiDigit(c)) { number.Append(c); continue; }
            bool decimalMark = number.Length > 0 && c is '.' or ',' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (decimalMark || number.Length == 0) continue;
            numbers.Add(number.ToString());
            number.Clear();
        }
        return numbers;
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
