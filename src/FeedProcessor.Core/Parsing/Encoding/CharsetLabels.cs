namespace FeedProcessor.Core.Parsing.Encoding;

/// <summary>Turns charset labels into encodings the way browsers do (WHATWG Encoding Standard aliases).</summary>
internal static class CharsetLabels
{
    private static readonly Dictionary<string, int> BrowserAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        // Browsers decode every Latin-1 label as windows-1252: servers say iso-8859-1 and send smart quotes.
        ["iso-8859-1"] = 1252, ["iso8859-1"] = 1252, ["latin1"] = 1252, ["l1"] = 1252, ["us-ascii"] = 1252,
        ["ascii"] = 1252, ["cp819"] = 1252, ["ibm819"] = 1252, ["iso_8859-1"] = 1252, ["x-cp1252"] = 1252,
        ["iso-8859-9"] = 1254, ["latin5"] = 1254, ["iso-8859-11"] = 874, ["tis-620"] = 874,
        ["cp1251"] = 1251, ["x-cp1251"] = 1251, ["windows-1251"] = 1251,
        ["koi8-r"] = 20866, ["koi8r"] = 20866, ["koi8"] = 20866, ["koi8-u"] = 21866,
        ["gb2312"] = 936, ["gb_2312-80"] = 936, ["gbk"] = 936, ["x-gbk"] = 936, ["cp936"] = 936, ["gb18030"] = 54936,
        ["big5"] = 950, ["big5-hkscs"] = 950, ["x-x-big5"] = 950,
        ["shift_jis"] = 932, ["shift-jis"] = 932, ["sjis"] = 932, ["x-sjis"] = 932, ["ms_kanji"] = 932, ["windows-31j"] = 932,
        ["euc-kr"] = 949, ["ks_c_5601-1987"] = 949, ["cp949"] = 949, ["windows-949"] = 949,
        ["euc-jp"] = 51932, ["utf8"] = 65001, ["unicode-1-1-utf-8"] = 65001,
        ["utf-16"] = 1200, ["utf-16le"] = 1200, ["unicode"] = 1200, ["utf-16be"] = 1201,
    };

    /// <summary>The encoding a label names, or null when .NET does not know it.</summary>
    public static System.Text.Encoding? Resolve(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        label = label.Trim().Trim('"', '\'').Trim();
        try
        {
            if (BrowserAliases.TryGetValue(label, out var codePage))
                return codePage == 65001 ? new System.Text.UTF8Encoding(false) : System.Text.Encoding.GetEncoding(codePage);
            var encoding = System.Text.Encoding.GetEncoding(label);
            return encoding.CodePage == 65001 ? new System.Text.UTF8Encoding(false) : encoding;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The name used in warnings: the WHATWG-style lowercase name.</summary>
    public static string NameOf(System.Text.Encoding encoding) => encoding.CodePage switch
    {
        65001 => "UTF-8",
        1200 => "UTF-16LE",
        1201 => "UTF-16BE",
        _ => encoding.WebName,
    };
}
