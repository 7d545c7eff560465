using System.Text;
using CsCheck;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Normalizing.Language;
using FeedProcessor.Core.Normalizing.Text;
using FeedProcessor.Core.Normalizing.Urls;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Parsing.Dates;
using FeedProcessor.Core.Parsing.Encoding;
using FeedProcessor.Core.Sources;
using FeedProcessor.Tests.Security.Support;

namespace FeedProcessor.Tests.Security;

/// <summary>
/// Each string-level reader fuzzed on its own with mutations of real inputs: it never throws and what it returns is
/// well-formed. The field guards of the normalizer are a safety net; these readers must not need it. CI replays a
/// fixed seed with a few thousand inputs each (a few seconds in all); FEEDPROC_FUZZ_ITERATIONS runs longer on fresh
/// seeds, and CsCheck prints the seed of a failing input (replay it with CsCheck_Seed).
/// </summary>
public sealed class FieldReaderFuzzTests
{
    private static readonly TimeZoneInfo[] Zones =
        [TimeZoneInfo.Utc, TimeZones.Find("Asia/Almaty"), TimeZones.Find("America/New_York"), TimeZones.Find("Pacific/Kiritimati"), TimeZones.Find("Asia/Kathmandu")];

    private static readonly NormalizeContext Context = new()
    {
        SourceId = "fuzz",
        SourceTitle = "Ministry of Fuzzing",
        SourceUrl = new Uri("https://gov.example.kz/news/rss"),
        TimeZone = TimeZones.Find("Asia/Almaty"),
        FetchedAt = new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero),
    };

    /// <summary>Every form we read: the feedparser comparison list plus the forms only some handlers know.</summary>
    private static readonly string[] RealDates = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Parsing", "Dates", "testdata", "date_forms.txt"))
        .Where(l => l.Length > 0)
        .Concat([
            "Sun, 16 Dec 2012 11:47:32 +00:zz", "Κυρ, 11 Ιούλ 2004 12:00:00 EST", "2004-július-13T9:15+01:00", "2004년 05월 28일 01:31:15",
            "2004-05-25 오후 11:23:17", "Fri, 2006/09/15 08:19:53 EDT", "Sun Jan  4 16:29:06 PST 2004", "2024-035", "2024-W05-7", "2024W057",
            "20240204T1430Z", "Mon, 15 Jul 2024 09:00:00 ET", "2024-02-04 14:30 Asia/Almaty", "Sun, 04 Feb 2024 14:30:00 (Europe/Moscow)",
            "4 февраля 2024 г., 14:30", "2024 жылғы 4 ақпан", "February 4, 2024 2:30 p.m.", "04.02.24 14:30", "1900-01-01 12:00",
        ]).ToArray();

    [Fact]
    public void The_date_parser_never_throws_and_the_normalizer_never_needs_its_guard_for_a_date()
    {
        var (iterations, seed) = StringMutations.Run(4000);
        StringMutations.Of(RealDates, "0123456789:+-.,/ TtZzW()年월일오전후ΙούλabcdefghijklmnopqrstuvwxyzАБВфевраляақпан\u00A0").Sample(text =>
        {
            foreach (var zone in Zones)
                if (DateParser.TryParse(text, zone, out var value))
                    Assert.InRange(Math.Abs(value.Offset.TotalHours), 0, 14);
            var warnings = new List<string>();
            var article = ArticleNormalizer.Shared.Normalize(new ParsedEntry { Title = "T", Published = text, Updated = text }, Context, warnings);
            Assert.DoesNotContain(warnings, w => w.Contains("could not be read"));
            Assert.Equal("T", article.Title);
        }, iter: iterations, seed: seed, threads: 1);
    }

    private static readonly string[] RealUrls =
    [
        "https://www.gov.example.kz/news/2024/02/04/budget?utm_source=rss&id=7#top", "/ru/news/123", "//cdn.example.org/img/a.jpg",
        "http://[2001:db8::1]:8080/path?q=1", "https://президент.рф/news/1", "https://xn--d1abbgf6aiiy.xn--p1ai/", "javascript:alert(1)",
        "news/item.html?fbclid=abc&gclid=def", "HTTPS://EXAMPLE.GOV:443/A%20B/../c", "mailto:press@example.gov", "data:image/png;base64,AAAA",
        "https://user:pass@example.gov/private", "http://example.gov/a?b=%zz&c", "  https://example.gov/trimmed  ", "?page=2", "#fragment",
    ];

    [Fact]
    public void The_url_cleaner_never_throws_and_gives_only_absolute_http_urls_it_would_give_again()
    {
        var baseUrl = new Uri("https://www.gov.example.kz/news/rss");
        var (iterations, seed) = StringMutations.Run(3000);
        StringMutations.Of(RealUrls, "abcxyz/:.?#&=%[]@-_~0123456789 \\\u0430\u0410\u00DF\uFF0F\u2024").Sample(text =>
        {
            foreach (var start in new[] { baseUrl, null })
            {
                var cleaned = UrlCleaner.Clean(text, start);
                if (cleaned is null) continue;
                var uri = new Uri(cleaned, UriKind.Absolute);
                Assert.True(uri.Scheme is "http" or "https", cleaned);
                Assert.False((uri.Query.Length > 1 ? uri.Query[1..] : "").Split('&').Any(p => p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)),
                    $"tracking parameter kept: \"{text}\" gave {cleaned}");
                Assert.Equal(cleaned, UrlCleaner.Clean(cleaned, null));
                Assert.NotNull(UrlCleaner.Canonicalize(cleaned));
                Assert.NotNull(UrlCleaner.SiteHost(cleaned));
            }
        }, iter: iterations, seed: seed, threads: 1);
    }

    /// <summary>Byte samples of real documents in many encodings, with their Content-Type headers.</summary>
    private static readonly byte[][] RealDocuments = Directory
        .EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Parsing"), "*", SearchOption.AllDirectories)
        .Where(path => path.Contains($"{Path.DirectorySeparatorChar}testdata{Path.DirectorySeparatorChar}") && new FileInfo(path).Length is > 0 and < 20_000)
        .Select(path => File.ReadAllBytes(path)[..Math.Min(2048, (int)new FileInfo(path).Length)])
        .ToArray();

    private static readonly string?[] ContentTypes =
        [null, "application/rss+xml; charset=utf-8", "text/xml; charset=windows-1251", "text/html; charset=\"EUC-KR\"", "text/xml;charset=nonsense", "text/xml; charset=utf-16"];

    [Fact]
    public void The_charset_sniffer_never_throws_and_its_choice_decodes_the_bytes()
    {
        var (iterations, seed) = StringMutations.Run(400);
        var gen = Gen.Select(Gen.Int[0, RealDocuments.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Byte).Array[0, 8], Gen.Int[0, ContentTypes.Length - 1], Gen.Bool);
        gen.Sample(t =>
        {
            var (document, mutations, contentType, whole) = t;
            var bytes = (byte[])RealDocuments[document].Clone();
            foreach (var (kind, at, value) in mutations)
            {
                if (bytes.Length == 0) break;
                var i = at % bytes.Length;
                bytes = kind switch
                {
                    0 => [.. bytes[..i], value, .. bytes[i..]],
                    1 => [.. bytes[..i]],
                    2 => [.. bytes[..i], .. Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"" + ((value % 4) switch { 0 => "utf-8", 1 => "euc-jp", 2 => "x-unknown", _ => "utf-16" }) + "\"?>"), .. bytes[i..]],
                    _ => bytes.Select((b, j) => j == i ? (byte)(b ^ value) : b).ToArray(),
                };
            }
            var warnings = new List<string>();
            var detected = CharsetDetector.Detect(bytes, whole, ContentTypes[contentType], warnings);
            Assert.InRange(detected.BomLength, 0, Math.Min(3, bytes.Length));
            Assert.NotNull(detected.Encoding.GetString(bytes, detected.BomLength, bytes.Length - detected.BomLength));
        }, iter: iterations, seed: seed, threads: 1);
    }

    private static readonly string[] RealTexts =
    [
        "The Department of Health announced that the vaccination campaign starts in March and covers every region.",
        "Правительство провело заседание, на котором были рассмотрены итоги социально-экономического развития.",
        "Үкімет отырысында елдің әлеуметтік-экономикалық дамуының қорытындылары қаралды.",
        "Уряд провів засідання, на якому були розглянуті підсумки року та завдання на наступний рік.",
        "Die Bundesregierung hat heute die neuen Maßnahmen für die Wirtschaft beschlossen und vorgestellt.",
        "Le gouvernement a présenté aujourd'hui les nouvelles mesures pour l'économie et l'emploi.",
        "El Gobierno aprobó hoy las nuevas medidas para la economía y el empleo de los jóvenes.",
        "Secretary Announces New Funding for Rural Hospitals", "總理會見代表團", "",
    ];

    private static readonly HashSet<string?> Languages = [null, "en", "ru", "kk", "uk", "de", "fr", "es"];

    [Fact]
    public void The_language_detector_never_throws_and_names_only_languages_it_knows()
    {
        Assert.Equal(["en", "ru", "kk", "uk", "de", "fr", "es", "en"], RealTexts.Take(8).Select(LanguageDetector.Detect));
        var (iterations, seed) = StringMutations.Run(3000);
        StringMutations.Of(RealTexts, " .,;:!?«»\"'-abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіїєґ\u0301\u00AD")
            .Sample(text => Assert.Contains(LanguageDetector.Detect(text), Languages), iter: iterations, seed: seed, threads: 1);
    }

    private static readonly string[] RealTitles =
    [
        "Budget 2024 approved | Ministry of Finance", "Премьер-министр провёл совещание - primeminister.kz", "Images",
        "<b>Bold</b> &amp; &lt;escaped&gt; news", "History of the &lt;blink&gt; tag", "Главная", "Ministry of Finance :: News :: Budget",
        "Mr. Smith met Dr. Jones. They talked.", "&#x41;&#65; &nbsp; &bogus; &", "<script>alert(1)</script>Real title", "   ",
    ];

    private static readonly string[] SiteNames = ["Ministry of Finance", "primeminister.kz", "gov.example.kz"];

    [Fact]
    public void The_title_cleaner_never_throws_and_always_gives_a_plain_title()
    {
        var (iterations, seed) = StringMutations.Run(1000);
        Gen.Select(StringMutations.Of(RealTitles, "<>&;#/|-–— .abcxyzАБВ\"'!?"), StringMutations.Of(RealTexts, "<>&. "), Gen.Bool).Sample(t =>
        {
            var (raw, text, isPlain) = t;
            var title = TitleCleaner.Clean(raw, SiteNames, [text], "Ministry of Finance, 2024-02-04", isPlain);
            Assert.False(string.IsNullOrWhiteSpace(title));
            Assert.Equal(title.Trim(), title);
            Assert.Equal(XmlSafeText.Clean(title), title);
            if (!isPlain) Assert.DoesNotContain("<script", title, StringComparison.OrdinalIgnoreCase);
        }, iter: iterations, seed: seed, threads: 1);
    }
}
