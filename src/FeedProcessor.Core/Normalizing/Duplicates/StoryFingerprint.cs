namespace FeedProcessor.Core.Normalizing.Duplicates;

/// <summary>
/// What <see cref="StoryMatcher"/> needs of an article, small enough for an index row: the canonical URL, whether
/// the text is long enough to judge, the title key, the SimHash and the numbers of the text. An index compares a
/// newcomer with the fingerprints of its neighbours instead of reading their articles.
/// </summary>
public sealed record StoryFingerprint(string? CanonicalUrl, bool HasText, string TitleKey, ulong SimHash, string Numbers)
{
    /// <summary>The longest number list kept; a text with more distinct numbers keeps its first ones.</summary>
    public const int MaxNumbersLength = 8_000;

    private HashSet<string>? _numberSet;

    /// <summary>The distinct numbers of the text.</summary>
    public HashSet<string> NumberSet => _numberSet ??= new HashSet<string>(
        Numbers.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    /// <summary>
    /// The exact keys on which <see cref="StoryMatcher"/> matches two copies without comparing texts: the canonical URL
    /// ("u:…"), and the title key ("t:…") when the title is long enough and the text long enough to judge. An index
    /// looks copies up by these keys, so that a copy published hours later is found however many articles came between.
    /// </summary>
    public IReadOnlyList<string> ExactKeys
    {
        get
        {
            var keys = new List<string>(2);
            if (CanonicalUrl is not null) keys.Add("u:" + CanonicalUrl);
            if (SpecificTitleKey is { } title) keys.Add("t:" + title);
            return keys;
        }
    }

    /// <summary>The title key when an equal one alone identifies the story: a title of enough words over a text long enough to judge.</summary>
    public string? SpecificTitleKey => HasText && StoryMatcher.CountWords(TitleKey) >= StoryMatcher.MinimumTitleWords ? TitleKey : null;

    public static StoryFingerprint Of(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var canonical = article.Url is null ? null : Urls.UrlCleaner.Canonicalize(article.Url);
        var hasText = StoryMatcher.CountWords(article.ContentText) >= StoryMatcher.MinimumWords;
        var numbers = string.Join(' ', StoryMatcher.Numbers(article.ContentText));
        if (numbers.Length > MaxNumbersLength) numbers = numbers[..numbers.LastIndexOf(' ', MaxNumbersLength)];
        return new StoryFingerprint(canonical, hasText, StoryMatcher.TitleKey(article.Title),
            article.SimHash != 0 ? article.SimHash : Duplicates.SimHash.Compute(article.ContentText), numbers);
    }
}
