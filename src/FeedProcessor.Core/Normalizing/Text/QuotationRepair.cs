using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>
/// Restores an opening quotation mark that the source lost (scrapers often cut it with the paragraph's
/// leading markup). Acts only where it is clear: the paragraph's marks are unbalanced, it does not already
/// open with one, and it ends by closing a quotation followed by an attribution with a speech verb
/// (<c>…," he said.</c>, <c>…», — отметил министр.</c>, <c>…», – деді ол.</c>).
/// </summary>
internal static partial class QuotationRepair
{
    /// <summary>The opening mark to put at the start of <paramref name="paragraph"/>, or null when nothing is clearly missing.</summary>
    public static string? MissingOpeningQuote(string paragraph)
    {
        var text = paragraph.AsSpan().TrimStart();
        if (text.IsEmpty) return null;

        if (text.Contains('"') && text[0] != '"' && text.Count('"') % 2 == 1 && StraightAttribution().IsMatch(paragraph))
            return "\"";
        if (text.Contains('”') && text[0] != '“' && text.Count('”') > text.Count('“') && CurlyAttribution().IsMatch(paragraph))
            return "“";
        if (text.Contains('»') && text[0] != '«' && text.Count('»') > text.Count('«') && GuillemetAttribution().IsMatch(paragraph))
            return "«";
        return null;
    }

    private const string EnglishSpeechVerbs =
        @"said|says|noted|notes|added|adds|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|underscored|stated|states" +
        @"|explained|explains|continued|concluded|remarked|highlighted|pointed out|told|assured|according to";

    private const string RussianKazakhSpeechVerbs =
        @"сказал|сказала|отметил|отметила|подчеркнул|подчеркнула|заявил|заявила|добавил|добавила|сообщил|сообщила" +
        @"|пояснил|пояснила|резюмировал|резюмировала|считает|уверен|уверена|деді|атап өтті|айтты|мәлімдеді|қосты|сказав|зазначив|наголосив|додав";

    [GeneratedRegex(@"[,.!?…]""\s+(?=[^"".!?]{0,150}\b(?:" + EnglishSpeechVerbs + @")\b)[^"".!?]{1,160}[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex StraightAttribution();

    [GeneratedRegex(@"[,.!?…]”\s+(?=[^“”.!?]{0,150}\b(?:" + EnglishSpeechVerbs + @")\b)[^“”.!?]{1,160}[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CurlyAttribution();

    [GeneratedRegex(@"[.!?…]?»\s*,?\s*[—–-]\s*(?=[^«».!?]{0,150}(?<!\p{L})(?:" + RussianKazakhSpeechVerbs + @")(?!\p{L}))[^«».!?]{1,160}[.!]?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex GuillemetAttribution();
}
