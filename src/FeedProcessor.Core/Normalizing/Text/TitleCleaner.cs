using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>
/// Makes the article title: plain text without the site's name appended (<c>… | Ministry of X</c>,
/// <c>… - primeminister.kz</c>); a generic title (<c>Images</c>, <c>Новости</c>, the site's own name) is replaced
/// by the first sentence of the text; never empty.
/// </summary>
internal static partial class TitleCleaner
{
    public const int MaxGeneratedLength = 160;
    private const int MaxSuffixLength = 80;

    /// <param name="siteNames">Names the site goes by: source title, site host, entry site; compared case-insensitively.</param>
    /// <param name="fallbackTexts">Texts to take a first sentence from, in order of preference.</param>
    /// <param name="lastResort">Used when nothing else gives a title (source title and date).</param>
    /// <param name="isPlainText">The format says the title is text: a "&lt;" in it is a character, not markup to strip.</param>
    public static string Clean(string? rawTitle, IReadOnlyCollection<string> siteNames, IEnumerable<string?> fallbackTexts, string lastResort,
        bool isPlainText = false)
    {
        var plain = isPlainText ? Whitespace.Collapse(XmlSafeText.Clean(rawTitle ?? "")) : PlainText.FromInlineHtml(rawTitle);
        var title = RemoveSiteAffixes(plain, siteNames);
        if (title.Length > 0 && !IsGenericOrSiteName(title, siteNames)) return title;

        foreach (var text in fallbackTexts)
            if (FirstSentence(text) is { Length: > 0 } sentence) return sentence;
        return lastResort;
    }

    internal static string RemoveSiteAffixes(string title, IReadOnlyCollection<string> siteNames)
    {
        // A pipe hardly ever stands inside a headline: after the first one come the site and its sections
        // ("Kleine Schafskunde | Mäscot das Schaf – Webcomic").
        var pipe = Separator().Matches(title).FirstOrDefault(m => IsPipe(m.Value));
        if (pipe is not null)
        {
            var head = title[..pipe.Index].TrimEnd();
            if (head.Length > 0 && !IsGenericOrSiteName(head, siteNames) && title.Length - pipe.Index - pipe.Length <= MaxSuffixLength) title = head;
        }

        for (int round = 0; round < 3; round++)
        {
            var matches = Separator().Matches(title);
            if (matches.Count == 0) break;
            var match = matches[^1];
            var head = title[..match.Index].TrimEnd();
            var tail = title[(match.Index + match.Length)..].Trim();
            if (head.Length == 0 || tail.Length > MaxSuffixLength) break;
            if (!(IsPipe(match.Value) && !IsGenericOrSiteName(head, siteNames)) && !LooksLikeSiteName(tail, siteNames)) break;
            title = head;
        }

        // The site's name and archive labels before the title: "Disfunctions.de » Blog Archiv » Podcasts in Plex einbinden".
        for (int round = 0; round < 3; round++)
        {
            var prefix = Separator().Match(title);
            if (!prefix.Success || prefix.Index + prefix.Length >= title.Length) break;
            var first = title[..prefix.Index].Trim();
            if (!IsSiteName(first, siteNames) && !HostName().IsMatch(first) && !ArchiveLabel().IsMatch(first)) break;
            title = title[(prefix.Index + prefix.Length)..].Trim();
        }
        return title;
    }

    private static bool IsPipe(string separator) => separator.Trim() is "|" or "||" or "::" or "•";

    private static bool IsGenericOrSiteName(string title, IReadOnlyCollection<string> siteNames) =>
        GenericTitles.IsGeneric(title) || IsSiteName(title, siteNames) || HostName().IsMatch(title);

    private static bool LooksLikeSiteName(string text, IReadOnlyCollection<string> siteNames) =>
        IsSiteName(text, siteNames) || HostName().IsMatch(text) || OfficialBody().IsMatch(text);

    private static bool IsSiteName(string text, IReadOnlyCollection<string> siteNames)
    {
        foreach (var name in siteNames)
            if (text.Equals(name, StringComparison.OrdinalIgnoreCase) || text.Equals(NameInHost(name), StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>
    /// The name a site's address spells, the label before its top-level domain ("www.bmjv.de" → "bmjv"): sites that
    /// go by an acronym put it before their titles ("BMJV | Transparenz bei Preisanpassungen"). Null for a non-host.
    /// </summary>
    private static string? NameInHost(string name)
    {
        if (!HostName().IsMatch(name)) return null;
        var labels = name.Split('.');
        return labels.Length >= 2 ? labels[^2] : null;
    }

    /// <summary>The first sentence of the first paragraph, cut at a word boundary, without a final period; null if none.</summary>
    internal static string? FirstSentence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        int paragraphEnd = text.IndexOf('\n');
        var paragraph = PlainText.WithoutMarkup(Whitespace.Collapse(XmlSafeText.Clean(paragraphEnd < 0 ? text : text[..paragraphEnd])));
        if (paragraph.Length == 0) return null;

        var sentence = paragraph;
        foreach (Match end in SentenceEnd().Matches(paragraph))
        {
            if (end.Groups["word"].Success && IsAbbreviation(end.Groups["word"].Value)) continue;
            sentence = paragraph[..(end.Index + end.Length)].TrimEnd();
            break;
        }
        sentence = Truncation.AtWordBoundary(sentence, MaxGeneratedLength).TrimEnd('.', ' ', ',', ';', ':');
        return sentence.Length == 0 ? null : sentence;
    }

    private static bool IsAbbreviation(string word) =>
        (word.Length <= 2 && char.IsUpper(word[0])) // initials, Mr, Dr, St
        || (word.Length == 1 && char.IsLower(word[0])) // г., в., т.
        || word is "Mrs" or "Gen" or "Col" or "Sgt" or "Prof" or "Jr" or "Sr" or "vs" or "etc" or "No" or "им" or "ул" or "обл" or "руб" or "млн" or "млрд" or "тыс";

    /// <summary>A separator between a title and a site name: " | ", " - ", " – ", " — ", " :: ", " • ", " / ", " » ", " « ".</summary>
    [GeneratedRegex(@"\s+(?:\|\|?|[-–—]|::|•|/|»|«)\s+")]
    private static partial Regex Separator();

    [GeneratedRegex(@"^(?:blog\s*)?(?:archiv|archive|archives)$|^blog$", RegexOptions.IgnoreCase)]
    private static partial Regex ArchiveLabel();

    [GeneratedRegex(@"^(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex HostName();

    /// <summary>Names of government bodies, as they follow a title on official sites.</summary>
    [GeneratedRegex(@"^(?:(?:the\s+)?(?:official\s+(?:website|site|portal|information\s+source)|ministry|government|office|press\s+service|administration|embassy|akimat|parliament|senate|presiden)|министерств|правительств|пресс-служб|официальн|акимат|посольств|администрац|мәжіліс|сенат)|(?:министрлігі|үкіметі|әкімдігі|әкімшілігі|комитеті|ministry|government)$", RegexOptions.IgnoreCase)]
    private static partial Regex OfficialBody();

    /// <summary>The end of a sentence: . ! ? or … followed by a space and a capital, digit or quote; "word" is the token before a period.</summary>
    [GeneratedRegex(@"(?:(?<=(?:^|[\s(])(?<word>[\p{L}]+))\.|[!?…])(?=\s+[\p{Lu}\p{N}""«“])")]
    private static partial Regex SentenceEnd();
}
