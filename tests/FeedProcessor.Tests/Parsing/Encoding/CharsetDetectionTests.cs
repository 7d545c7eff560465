using System.Text;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing.Encoding;

public class CharsetDetectionTests
{
    private const string Russian = "Премьер-министр провёл заседание";

    private static byte[] Rss(string title, string? declared, System.Text.Encoding encoding, byte[]? bom = null)
    {
        var declaration = declared is null ? "<?xml version=\"1.0\"?>" : $"<?xml version=\"1.0\" encoding=\"{declared}\"?>";
        var xml = $"{declaration}<rss version=\"2.0\"><channel><title>Feed</title><item><title>{title}</title><description>Обсуждены вопросы экономики и энергетики, транспорта и сельского хозяйства.</description></item></channel></rss>";
        return [.. bom ?? [], .. encoding.GetBytes(xml)];
    }

    private static System.Text.Encoding Named(string name) => System.Text.Encoding.GetEncoding(name);

    public static TheoryData<string, string, string> DeclaredEncodings => new()
    {
        { "windows-1251", "windows-1251", Russian },
        { "koi8-r", "KOI8-R", Russian },
        { "iso-8859-5", "ISO-8859-5", Russian },
        { "windows-1252", "ISO-8859-1", "Le “plan” — déjà adopté" },
        { "gb2312", "GB2312", "总理会见代表团" },
        { "big5", "Big5", "總理會見代表團" },
        { "shift_jis", "Shift_JIS", "首相が代表団と会談" },
        { "euc-kr", "EUC-KR", "총리가 대표단을 만났다" },
    };

    [Theory]
    [MemberData(nameof(DeclaredEncodings))]
    public void Decodes_the_declared_encoding(string encoding, string label, string title)
    {
        var feed = FeedParser.Parse(Rss(title, label, Named(encoding)), new ParseOptions());
        Assert.Equal(title, feed.Entries[0].Title);
        Assert.Empty(feed.Warnings);
    }

    [Theory]
    [MemberData(nameof(DeclaredEncodings))]
    public void The_http_charset_is_used_when_the_document_declares_none(string encoding, string label, string title)
    {
        var feed = FeedParser.Parse(Rss(title, null, Named(encoding)), new ParseOptions { ContentType = $"application/rss+xml; charset={label}" });
        Assert.Equal(title, feed.Entries[0].Title);
    }

    [Fact]
    public void Iso_8859_1_label_decodes_smart_quotes_like_a_browser()
    {
        var bytes = Rss("\u201Cplan\u201D \u2014 d\u00E9j\u00E0", "iso-8859-1", Named("windows-1252"));
        Assert.Equal("\u201Cplan\u201D \u2014 d\u00E9j\u00E0", FeedParser.Parse(bytes, new ParseOptions()).Entries[0].Title);
    }

    [Theory]
    [InlineData("utf-16LE", new byte[] { 0xFF, 0xFE })]
    [InlineData("utf-16BE", new byte[] { 0xFE, 0xFF })]
    [InlineData("utf-8", new byte[] { 0xEF, 0xBB, 0xBF })]
    public void Byte_order_mark_wins_over_every_declaration(string encoding, byte[] bom)
    {
        var feed = FeedParser.Parse(Rss(Russian, "windows-1251", Named(encoding), bom), new ParseOptions { ContentType = "text/xml; charset=koi8-r" });
        Assert.Equal(Russian, feed.Entries[0].Title);
    }

    [Fact]
    public void Utf16_without_bom_is_recognised_from_the_zero_bytes()
    {
        var feed = FeedParser.Parse(Rss(Russian, "utf-16", System.Text.Encoding.Unicode), new ParseOptions());
        Assert.Equal(Russian, feed.Entries[0].Title);
    }

    [Fact]
    public void Windows_1251_declared_as_utf8_is_decoded_as_windows_1251_with_a_warning()
    {
        var feed = FeedParser.Parse(Rss(Russian, "utf-8", Named("windows-1251")), new ParseOptions());
        Assert.Equal(Russian, feed.Entries[0].Title);
        Assert.Contains(feed.Warnings, w => w.Contains("declared UTF-8") && w.Contains("windows-1251"));
    }

    [Fact]
    public void Koi8r_without_any_declaration_is_told_from_windows_1251()
    {
        var feed = FeedParser.Parse(Rss(Russian, null, Named("koi8-r")), new ParseOptions());
        Assert.Equal(Russian, feed.Entries[0].Title);
        Assert.Contains(feed.Warnings, w => w.Contains("koi8-r"));
    }

    [Fact]
    public void Utf8_bytes_under_a_wrong_http_charset_are_read_as_utf8()
    {
        var feed = FeedParser.Parse(Rss(Russian, null, new UTF8Encoding(false)), new ParseOptions { ContentType = "text/xml; charset=windows-1251" });
        Assert.Equal(Russian, feed.Entries[0].Title);
        Assert.Contains(feed.Warnings, w => w.Contains("valid UTF-8"));
    }

    [Fact]
    public void Http_charset_outranks_the_xml_declaration()
    {
        var feed = FeedParser.Parse(Rss(Russian, "windows-1251", Named("koi8-r")), new ParseOptions { ContentType = "application/xml; charset=\"koi8-r\"" });
        Assert.Equal(Russian, feed.Entries[0].Title);
    }

    [Fact]
    public void Unknown_charset_label_is_reported_and_the_bytes_still_read()
    {
        var feed = FeedParser.Parse(Rss("Plain title", "x-no-such-charset", new UTF8Encoding(false)), new ParseOptions());
        Assert.Equal("Plain title", feed.Entries[0].Title);
        Assert.Contains(feed.Warnings, w => w.Contains("x-no-such-charset"));
    }
}

/// <summary>Saved feeds in CJK encodings that declare none: the bytes alone must tell the encoding.</summary>
public class UndeclaredMultiByteTests
{
    [Theory]
    [InlineData("undeclared_euc_jp.xml", "euc-jp", "総理の一日：閣議後の記者会見について")]
    [InlineData("undeclared_shift_jis.xml", "shift_jis", "総理の一日：閣議後の記者会見について")]
    [InlineData("undeclared_euc_kr.xml", "euc-kr", "정부, 민생 안정을 위한 경제 대책 발표")]
    [InlineData("undeclared_gb2312.xml", "gb2312", "国务院常务会议研究部署经济工作")]
    public void Undeclared_CJK_encodings_are_detected(string file, string encoding, string firstTitle)
    {
        var feed = ParsingTestData.Parse("Encoding", file);
        Assert.Equal(firstTitle, feed.Entries[0].Title);
        Assert.Equal(3, feed.Entries.Count);
        Assert.Contains(feed.Warnings, w => w.Contains("no charset declared"));
        Assert.NotNull(System.Text.Encoding.GetEncoding(encoding));
    }
}
