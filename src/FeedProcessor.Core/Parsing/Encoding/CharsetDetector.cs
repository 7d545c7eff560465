using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace FeedProcessor.Core.Parsing.Encoding;

/// <summary>The encoding chosen for a document, and how many bytes of byte order mark precede the text.</summary>
internal readonly record struct DetectedEncoding(System.Text.Encoding Encoding, int BomLength);

/// <summary>
/// Chooses a document's encoding: BOM, then the HTTP charset, then the XML declaration or &lt;meta charset&gt;,
/// then whether the bytes are valid UTF-8, then a guess. Conflicts are settled like a browser would, but
/// a declaration the bytes contradict loses (government feeds often declare UTF-8 and send windows-1251).
/// </summary>
internal static partial class CharsetDetector
{
    private static readonly System.Text.Encoding Utf8NoBom = new System.Text.UTF8Encoding(false);

    /// <param name="sample">The document's first bytes (or all of them).</param>
    /// <param name="sampleIsWhole">False when the sample is a prefix: a multi-byte sequence cut at its end is not an error.</param>
    public static DetectedEncoding Detect(ReadOnlySpan<byte> sample, bool sampleIsWhole, string? contentType, ICollection<string> warnings)
    {
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new(Utf8NoBom, 3);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return new(System.Text.Encoding.Unicode, 2);
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return new(System.Text.Encoding.BigEndianUnicode, 2);
        // UTF-16 without a BOM still starts with "<" or "{" padded by zero bytes (XML 1.0 appendix F).
        if (sample.Length >= 4 && sample[0] != 0 && sample[1] == 0 && sample[2] != 0 && sample[3] == 0)
            return new(System.Text.Encoding.Unicode, 0);
        if (sample.Length >= 4 && sample[0] == 0 && sample[1] != 0 && sample[2] == 0 && sample[3] != 0)
            return new(System.Text.Encoding.BigEndianUnicode, 0);

        var declarations = new List<(string Where, string Label, System.Text.Encoding? Encoding)>(2);
        if (HttpCharset(contentType) is { } httpLabel) declarations.Add(("the HTTP header", httpLabel, CharsetLabels.Resolve(httpLabel)));
        if (DocumentCharset(sample) is { } documentLabel) declarations.Add(("the document", documentLabel, CharsetLabels.Resolve(documentLabel)));
        foreach (var (where, label, encoding) in declarations)
            if (encoding is null) warnings.Add($"unknown charset \"{label}\" declared in {where}; ignored");

        var declared = declarations.FirstOrDefault(d => d.Encoding is not null);
        var utf8State = Utf8State(sample, sampleIsWhole);
        // UTF-16 declared on single-byte content is a lie the bytes already told us about.
        if (declared.Encoding is { CodePage: 1200 or 1201 }) declared = default;

        if (declared.Encoding is null)
            return utf8State == Utf8Validity.Invalid ? new(Guess(sample, warnings, null), 0) : new(Utf8NoBom, 0);

        if (declared.Encoding.CodePage == 65001)
            return utf8State == Utf8Validity.Invalid ? new(Guess(sample, warnings, $"declared UTF-8 in {declared.Where}"), 0) : new(Utf8NoBom, 0);

        // Multi-byte UTF-8 sequences almost never occur by chance in single-byte or CJK text.
        if (utf8State == Utf8Validity.ValidWithMultiByte)
        {
            warnings.Add($"declared {declared.Label} in {declared.Where}, but the bytes are valid UTF-8; decoded as UTF-8");
            return new(Utf8NoBom, 0);
        }
        var agreeing = declarations.Where(d => d.Encoding is not null).Select(d => d.Encoding!.CodePage).Distinct().Count();
        if (agreeing > 1)
            warnings.Add($"charsets disagree ({string.Join(" vs ", declarations.Select(d => $"{d.Label} in {d.Where}"))}); used {declared.Label} as a browser would");
        return new(declared.Encoding, 0);
    }

    private static System.Text.Encoding Guess(ReadOnlySpan<byte> sample, ICollection<string> warnings, string? declaredUtf8)
    {
        var guess = MultiByteGuess(sample) ?? CyrillicHeuristic.Guess(sample);
        warnings.Add(declaredUtf8 is null
            ? $"no charset declared and the bytes are not UTF-8; decoded as {CharsetLabels.NameOf(guess)}"
            : $"{declaredUtf8}, but the bytes are not valid UTF-8; decoded as {CharsetLabels.NameOf(guess)}");
        return guess;
    }

    /// <summary>Encodings whose multi-byte sequences a statistical detector tells apart reliably; single-byte guesses stay ours.</summary>
    private static readonly HashSet<string> MultiByteEncodings = new(StringComparer.OrdinalIgnoreCase)
    {
        "EUC-JP", "Shift_JIS", "Shift-JIS", "ISO-2022-JP", "EUC-KR", "ISO-2022-KR", "GB18030", "GB2312", "GBK", "HZ-GB-2312",
        "Big5", "EUC-TW", "ISO-2022-CN",
    };

    /// <summary>
    /// Undeclared Japanese, Korean or Chinese text (EUC-JP, Shift_JIS, EUC-KR, GB2312/GB18030, Big5), recognized by
    /// UTF.Unknown (a port of Mozilla's universal charset detector); null when the bytes are not confidently one of them.
    /// </summary>
    private static System.Text.Encoding? MultiByteGuess(ReadOnlySpan<byte> sample)
    {
        UtfUnknown.DetectionDetail? detected;
        try
        {
            detected = UtfUnknown.CharsetDetector.DetectFromBytes(sample.ToArray()).Detected;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // a guess that fails is no guess: the single-byte heuristic still decides
        }
        if (detected?.EncodingName is not { } name || detected.Confidence < 0.5f || !MultiByteEncodings.Contains(name)) return null;
        return CharsetLabels.Resolve(name);
    }

    private enum Utf8Validity { AsciiOnly, ValidWithMultiByte, Invalid }

    private static Utf8Validity Utf8State(ReadOnlySpan<byte> sample, bool sampleIsWhole)
    {
        if (System.Text.Ascii.IsValid(sample)) return Utf8Validity.AsciiOnly;
        if (!sampleIsWhole)
        {
            // Drop a sequence the prefix cut in half: up to 3 trailing bytes that are not a complete character.
            var end = sample.Length;
            for (var back = 1; back <= 3 && end - back >= 0; back++)
            {
                var b = sample[end - back];
                if ((b & 0xC0) == 0x80) continue;
                if (b >= 0xC0) sample = sample[..(end - back)];
                break;
            }
        }
        return Utf8.IsValid(sample) ? Utf8Validity.ValidWithMultiByte : Utf8Validity.Invalid;
    }

    private static string? HttpCharset(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return null;
        var match = HttpCharsetPattern().Match(contentType);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The XML declaration's encoding, else a &lt;meta&gt; charset, read from the first 4 KB as ASCII.</summary>
    private static string? DocumentCharset(ReadOnlySpan<byte> sample)
    {
        var head = System.Text.Encoding.Latin1.GetString(sample[..Math.Min(sample.Length, 4096)]);
        var declaration = XmlDeclarationPattern().Match(head);
        if (declaration.Success) return declaration.Groups[1].Value;
        var meta = MetaCharsetPattern().Match(head);
        return meta.Success ? meta.Groups[1].Value : null;
    }

    [GeneratedRegex("""charset\s*=\s*["']?([A-Za-z0-9._:\-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HttpCharsetPattern();

    [GeneratedRegex("""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclarationPattern();

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:\-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharsetPattern();
}
