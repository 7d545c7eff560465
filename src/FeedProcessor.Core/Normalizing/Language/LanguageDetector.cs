namespace FeedProcessor.Core.Normalizing.Language;

/// <summary>
/// Guesses the language of article text when neither the item, the feed nor the source declares one.
/// Cyrillic text is told apart by letters only some alphabets have (Kazakh әғқңөұүһ, Ukrainian їєґ,
/// Russian ыэъё); Latin text by counting each language's most frequent short words.
/// Returns null rather than guess on too little evidence.
/// </summary>
public static class LanguageDetector
{
    private const int MinimumLetters = 20;
    private const int SampleLength = 4000;

    private static readonly (string Language, HashSet<string> Words)[] LatinProfiles =
    [
        ("en", Words("the of and to in is that for on with as was by at from are be this it an has have will were which said "
            + "new not but or its their our we who been more after over into about than also would how what when")),
        ("de", Words("der die und das ist nicht den mit von zu im ein eine des auf für sich dem auch wird wurde bei sind")),
        ("fr", Words("le la les des et est une du dans pour que qui sur pas au avec ce sont par aux été cette il")),
        ("es", Words("el la los las de que y en del por una con para es se al su como más fue sus este ha")),
    ];

    public static string? Detect(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var sample = text.AsSpan(0, Math.Min(text.Length, SampleLength));

        int cyrillic = 0, latin = 0, kazakh = 0, ukrainian = 0, russian = 0, dottedI = 0;
        foreach (char raw in sample)
        {
            char c = char.ToLowerInvariant(raw);
            if (c is >= 'а' and <= 'я' or 'ё' || IsCyrillicExtra(c)) cyrillic++;
            else if (char.IsAsciiLetter(c) || (c >= '\u00C0' && c <= '\u024F' && char.IsLetter(c))) latin++;

            switch (c)
            {
                case 'ә' or 'ғ' or 'қ' or 'ң' or 'ө' or 'ұ' or 'ү' or 'һ': kazakh++; break;
                case 'ї' or 'є' or 'ґ': ukrainian++; break;
                case 'ы' or 'э' or 'ъ' or 'ё': russian++; break;
                case 'і': dottedI++; break;
            }
        }

        if (cyrillic + latin < MinimumLetters) return null;
        if (cyrillic >= latin) return DetectCyrillic(cyrillic, kazakh, ukrainian, russian, dottedI);
        return DetectLatin(sample);
    }

    private static string DetectCyrillic(int letters, int kazakh, int ukrainian, int russian, int dottedI)
    {
        // Kazakh letters are frequent (roughly one letter in twenty); a few in Russian text are names or quotes.
        if (kazakh * 100 >= letters && kazakh >= 2) return "kk";
        // Ukrainian has no ы, э, ъ, ё, and і is one of its most frequent letters.
        if (ukrainian >= 2 || (dottedI * 100 >= letters * 2 && russian * 200 < letters)) return "uk";
        return "ru";
    }

    private static string? DetectLatin(ReadOnlySpan<char> sample)
    {
        Span<int> scores = stackalloc int[LatinProfiles.Length];
        Span<char> lowerBuffer = stackalloc char[6];
        foreach (var range in sample.SplitAny(" \t\n\r.,;:!?()\"'«»“”„–—-/"))
        {
            var word = sample[range];
            if (word.Length is 0 or > 6) continue;
            var lower = lowerBuffer[..word.Length];
            word.ToLowerInvariant(lower);
            for (int i = 0; i < LatinProfiles.Length; i++)
                if (LatinProfiles[i].Words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(lower)) scores[i]++;
        }

        int best = -1, bestScore = 0, secondScore = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (scores[i] > bestScore) { secondScore = bestScore; bestScore = scores[i]; best = i; }
            else if (scores[i] > secondScore) secondScore = scores[i];
        }
        // Short function words overlap (la, de, en); demand a clear winner, or two words no other language claims (a headline).
        if (best < 0) return null;
        var clear = bestScore >= 3 && bestScore >= secondScore * 3 / 2 + 1;
        var uncontested = bestScore >= 2 && secondScore == 0;
        return clear || uncontested ? LatinProfiles[best].Language : null;
    }

    private static bool IsCyrillicExtra(char c) => c is >= '\u0450' and <= '\u04FF';

    private static HashSet<string> Words(string list) => new(list.Split(' '), StringComparer.Ordinal);
}
