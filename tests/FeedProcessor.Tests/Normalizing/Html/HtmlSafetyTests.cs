using AngleSharp.Html.Parser;
using CsCheck;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Normalizing.Html;

/// <summary>Nothing that can run, load active content or restyle the page survives in contentHtml, title or summary.</summary>
public class HtmlSafetyTests
{
    /// <summary>Classic vectors from the OWASP XSS filter evasion cheat sheet, plus mutation-XSS ones.</summary>
    private static readonly string[] VectorList =
    [
        "<script>alert('XSS')</script>",
        "<SCRIPT SRC=https://xss.rocks/xss.js></SCRIPT>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<img src=x onerror=alert(1)//",
        "<BODY ONLOAD=alert('XSS')>",
        "<svg/onload=alert('XSS')>",
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.rocks/scriptlet.html\"></OBJECT>",
        "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv\" AllowScriptAccess=\"always\"></EMBED>",
        "<form action=\"javascript:alert(1)\"><input type=\"submit\" value=\"go\"><button formaction=javascript:alert(1)>b</button></form>",
        "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">text</DIV>",
        "<STYLE>@import'https://xss.rocks/xss.css';</STYLE>",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TR><TD>cell</TD></TR></TABLE>",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<a href=\"javas&#x09;cript:alert(1)\" onclick=\"alert(1)\" onmouseover=alert(1)>click</a>",
        "<details open ontoggle=alert(1)>d</details>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    ];

    public static TheoryData<string> Vectors => new(VectorList);

    private static readonly NormalizeContext Context = new()
    {
        SourceId = "test",
        SourceTitle = "Test source",
        SourceUrl = new Uri("https://example.gov/news/"),
        FetchedAt = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Known_vectors_are_neutralized_in_content_title_and_summary(string vector)
    {
        var article = ArticleNormalizer.Shared.Normalize(
            new ParsedEntry { Title = vector + " title", SummaryHtml = vector, ContentHtml = "<p>Body</p>" + vector }, Context);
        AssertSafeHtml(article.ContentHtml);
        AssertSafeText(article.Title);
        AssertSafeText(article.Summary);
    }

    [Fact]
    public void Random_mixtures_of_hostile_fragments_are_always_neutralized()
    {
        var fragments = VectorList
            .Concat(["<p>", "</p>", "<div>", "text ", "\"", "'", "<a href=", "&", "&amp;", "<!--", "-->", "<![CDATA[", "]]>", "<svg>", "<img src=", " onerror=", "javascript:", "=", ">", "<"])
            .ToArray();
        Gen.OneOf(fragments).Array[1, 12].Select(parts => string.Concat(parts)).Sample(html =>
        {
            var article = ArticleNormalizer.Shared.Normalize(new ParsedEntry { Title = html, ContentHtml = html }, Context);
            AssertSafeHtml(article.ContentHtml);
            AssertSafeText(article.Title);
            AssertSafeText(article.Summary);
        }, iter: 300, threads: 1);
    }

    [Fact]
    public void Data_urls_survive_only_as_image_sources()
    {
        var article = ArticleNormalizer.Shared.Normalize(new ParsedEntry
        {
            ContentHtml = "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"chart\"><a href=\"data:image/png;base64,iVBORw0KGgo=\">link</a></p>",
        }, Context);
        Assert.Contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\"", article.ContentHtml);
        Assert.DoesNotContain("href=\"data:", article.ContentHtml);
    }

    private static readonly string[] ForbiddenElements =
        ["script", "iframe", "object", "embed", "form", "input", "button", "style", "meta", "base", "link", "svg", "math", "video", "frame"];

    /// <summary>Reads the output back as a browser would and inspects the resulting tree, not the string.</summary>
    private static void AssertSafeHtml(string html)
    {
        using var document = new HtmlParser().ParseDocument("<!doctype html><body>" + html);
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotContain(element.LocalName, ForbiddenElements);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on") || attribute.Name is "style" or "background" or "formaction" or "action",
                    $"attribute {attribute.Name} in: {html}");
                if (attribute.Name is "href" or "src" or "cite")
                {
                    var value = attribute.Value.Trim().ToLowerInvariant();
                    bool allowed = value.StartsWith("http://") || value.StartsWith("https://") || value.StartsWith("mailto:")
                                   || (element.LocalName == "img" && attribute.Name == "src" && value.StartsWith("data:image/"));
                    Assert.True(allowed, $"{attribute.Name}=\"{attribute.Value}\" in: {html}");
                }
            }
        }
    }

    /// <summary>Plain text may mention anything as words, but nothing in it may read as a tag if a reader forgets to escape it.</summary>
    private static void AssertSafeText(string text) => Assert.DoesNotMatch(@"<[\p{L}/!?]", text);
}
