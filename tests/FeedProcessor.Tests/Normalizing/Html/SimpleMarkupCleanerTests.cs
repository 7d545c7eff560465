using System.Text;
using FeedProcessor.Core.Normalizing.Html;
using FeedProcessor.Core.Normalizing.Text;
using FeedProcessor.Core.Parsing;
using Xunit.Abstractions;

namespace FeedProcessor.Tests.Normalizing.Html;

/// <summary>
/// The fast path must give exactly what the full HTML5 parser and sanitizer give, or decline. These tests compare
/// the two on generated markup (seeded, so a failure replays) and on every HTML fragment of the test corpora, and
/// check that the fast path really takes the common shapes, so it cannot pass by declining everything.
/// </summary>
public class SimpleMarkupCleanerTests(ITestOutputHelper output)
{
    private static readonly Uri Base = new("https://gov.example/news/2024/item.html");

    /// <summary>The item body of the large benchmark feed: paragraphs, entities, an image, a script and a link.</summary>
    private const string BenchmarkItem =
        "<p>Reform region meeting &amp; Energy &laquo;quoted&raquo; &mdash; item 0.0&hellip;</p>" +
        "<img src=\"/images/0.jpg\" alt=\"Photo 0\" width=\"640\" height=\"480\">" +
        "<p>Security council &amp; Budget &laquo;quoted&raquo; &mdash; item 0.3&hellip;</p><script>track('item');</script>" +
        "<p><a href=\"/news/0?utm_source=rss\">Read more</a></p>";

    [Theory]
    [InlineData(BenchmarkItem)]
    [InlineData("<p>One</p>\n<p>Two <b>bold</b> and <em>emphasis</em>, <a href=\"https://gov.example/a?x=1&y=2\">a link</a>.</p>")]
    [InlineData("<h2>Title</h2><ul><li>one</li><li>two <ul><li>nested</li></ul></li></ul><ol><li>first</li></ol>")]
    [InlineData("<div><p>In a div</p><blockquote><p>Quoted</p></blockquote></div><hr><p>After<br>the line</p>")]
    [InlineData("<p>Text<img src=\"https://mc.yandex.ru/watch/1\"><img src=\"/a.jpg\" width=\"1\"></p><p><img src=\"photo.jpg\"></p>")]
    [InlineData("<p>We will win, \" the minister said.</p><p><span>Мы победим», — отметил министр.</span></p>")]
    [InlineData("<P CLASS=\"x\" Style=\"color:red\" onclick=\"go()\">Upper case <A HREF='/x' TARGET=_blank>link</A></P>")]
    [InlineData("<p><a href=\"javascript:alert(1)\">bad</a> <a href=\"data:text/html,x\">data</a> <img src=\"data:image/png;base64,AA\"></p>")]
    [InlineData("<style>p { color: red }</style><p>&#171;Numeric&#187; &#x2014; &copy; 2024 &nbsp;end</p>")]
    [InlineData("<center><font color=\"red\" face=\"Arial\">Legacy <b>markup</b></font></center><p>a<!-- a note -->b</p>")]
    public void Takes_common_markup_and_agrees_with_the_full_path(string fragment)
    {
        var fast = SimpleMarkupCleaner.TryClean(fragment, Base);
        Assert.NotNull(fast);
        AssertSame(HtmlCleaner.FromHtml(fragment, Base), fast, fragment);
    }

    [Theory]
    [InlineData("<p>An open paragraph")]
    [InlineData("<p>Block <div>inside</div> a paragraph</p>")]
    [InlineData("<b><i>misnested</b></i>")]
    [InlineData("<ul><li>one<li>two</ul>")]
    [InlineData("<a href=\"/1\">one <a href=\"/2\">two</a></a>")]
    [InlineData("<table><tr><td>cell</td></tr></table>")]
    [InlineData("<p>a<!-->b</p>")]
    [InlineData("<p>a<!-- one -- two -->b</p>")]
    [InlineData("<p>a<!-- unclosed</p>")]
    [InlineData("<p>a<center>b</center></p>")]
    [InlineData("<pre>\ncode</pre>")]
    [InlineData("<p>&notit; &copy2024</p>")]
    [InlineData("<nav>unknown to the fast path</nav>")]
    [InlineData("<p/>")]
    [InlineData("<script><!--</script>--></script>")]
    [InlineData("<a href=\"javascript&amp;#58;alert(1)\">x</a>")]
    [InlineData("<a href=\"javascript&amp;#x3a;alert(1)\">x</a>")]
    public void Declines_what_an_HTML_parser_would_read_in_its_own_way(string fragment)
    {
        Assert.Null(SimpleMarkupCleaner.TryClean(fragment, Base));
        // And the public entry point still gives the full path's answer.
        AssertSame(HtmlCleaner.FromHtml(fragment, Base), HtmlCleaner.Clean(fragment, Base), fragment);
    }

    [Fact]
    public void Agrees_with_the_full_path_on_generated_markup()
    {
        // CI replays one seed; a long run (FEEDPROC_FUZZ_ITERATIONS) explores a fresh one, printed for FEEDPROC_FUZZ_SEED.
        var longRun = int.TryParse(Environment.GetEnvironmentVariable("FEEDPROC_FUZZ_ITERATIONS"), out var n) && n > 0;
        var iterations = longRun ? n : 20_000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FEEDPROC_FUZZ_SEED"), out var given) ? given
            : longRun ? Environment.TickCount : 20261128;
        output.WriteLine($"seed {seed} (replay with FEEDPROC_FUZZ_SEED={seed})");
        var random = new Random(seed);
        int taken = 0;
        for (int i = 0; i < iterations; i++)
        {
            var fragment = XmlSafeText.Clean(MarkupGenerator.Fragment(random));
            var baseUrl = random.Next(8) switch { 0 => null, 1 => new Uri("http://gov.example/"), _ => Base };
            var fast = SimpleMarkupCleaner.TryClean(fragment, baseUrl);
            if (fast is null) continue;
            taken++;
            AssertSame(HtmlCleaner.FromHtml(fragment, baseUrl), fast, fragment);
        }
        output.WriteLine($"fast path took {taken} of {iterations} generated fragments");
        // The generator mixes plain and hostile markup; both paths must get real work.
        Assert.InRange(taken, iterations / 5, iterations * 4 / 5);
    }

    [Fact]
    public void Agrees_with_the_full_path_on_every_fragment_of_the_test_corpora()
    {
        int fragments = 0, taken = 0;
        var testdata = Directory.EnumerateDirectories(AppContext.BaseDirectory, "testdata", SearchOption.AllDirectories);
        foreach (var file in testdata.SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)))
        {
            if (Path.GetExtension(file) is not (".xml" or ".rss" or ".atom" or ".rdf" or ".json" or ".txt" or ".html")) continue;
            ParsedFeed feed;
            try
            {
                feed = FeedParser.Parse(File.ReadAllBytes(file), new ParseOptions { DocumentUrl = new Uri(file) });
            }
            catch (FeedParseException)
            {
                continue; // the broken ones are other tests' business
            }
            foreach (var entry in feed.Entries)
            {
                foreach (var html in new[] { entry.ContentHtml, entry.SummaryHtml })
                {
                    if (string.IsNullOrWhiteSpace(html) || html.AsSpan().IndexOfAny('<', '&') < 0) continue;
                    var fragment = XmlSafeText.Clean(html);
                    fragments++;
                    var fast = SimpleMarkupCleaner.TryClean(fragment, Base);
                    if (fast is null) continue;
                    taken++;
                    AssertSame(HtmlCleaner.FromHtml(fragment, Base), fast, fragment);
                }
            }
        }
        output.WriteLine($"fast path took {taken} of {fragments} corpus fragments");
        Assert.True(fragments > 20, $"only {fragments} fragments found under testdata");
        Assert.True(taken > fragments / 4, $"the fast path took only {taken} of {fragments} corpus fragments");
    }

    private static void AssertSame(CleanHtml expected, CleanHtml actual, string fragment)
    {
        var context = $"\nfragment: {fragment}\nfull:     {expected.Html}\nfast:     {actual.Html}";
        Assert.True(expected.Html == actual.Html, "HTML differs" + context);
        Assert.True(expected.Paragraphs.SequenceEqual(actual.Paragraphs),
            $"paragraphs differ{context}\nfull: [{string.Join(" | ", expected.Paragraphs)}]\nfast: [{string.Join(" | ", actual.Paragraphs)}]");
        Assert.True(expected.FirstImageUrl == actual.FirstImageUrl, $"first image differs: {expected.FirstImageUrl} vs {actual.FirstImageUrl}" + context);
    }

    /// <summary>Random markup: mostly the shapes feeds use, salted with everything the fast path must decline.</summary>
    private static class MarkupGenerator
    {
        private static readonly string[] Kept =
        [
            "p", "p", "p", "a", "a", "b", "i", "em", "strong", "span", "div", "ul", "ol", "li", "li", "h2", "h3", "blockquote",
            "font", "center",
            "br", "img", "img", "hr", "wbr", "small", "sub", "sup", "code", "q", "u", "s", "time", "figure", "figcaption",
            "dl", "dt", "dd", "section", "article", "header", "footer", "details", "summary", "abbr", "mark", "cite",
        ];

        private static readonly string[] Inline =
        [
            "a", "b", "i", "em", "strong", "span", "br", "img", "small", "sub", "sup", "code", "q", "u", "s", "time",
            "abbr", "mark", "cite", "wbr", "font",
        ];

        private static readonly string[] Other =
        [
            "table", "tr", "td", "pre", "iframe", "form", "input", "svg", "math", "nav", "button",
            "textarea", "title", "noscript", "html", "body", "head", "object", "video", "select", "template", "xmp",
        ];

        private static readonly string[] Words =
        [
            "minister", "said", "the", "government", "«", "»", "“", "”", "\"", "'", "—", "–", "…", "&", "<", ">", "=",
            "Президент", "отметил", "деді", "ол", "2024", "1/2", "a&b", "AT&T", "x<y", "p>q", "\u00A0", "\u200B", "😀",
        ];

        private static readonly string[] Entities =
        [
            "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&nbsp;", "&laquo;", "&raquo;", "&mdash;", "&ndash;", "&hellip;",
            "&#171;", "&#x2014;", "&#X2014;", "&#0;", "&#128;", "&#150;", "&#13;", "&#xD800;", "&#x110000;", "&#1114111;",
            "&#65535;", "&#9;", "&#10;", "&#x1F600;", "&#00000000038;", "&copy;", "&copy", "&copy2", "&copyx", "&notit;",
            "&notin;", "&amp", "&ampx;", "&id=5", "&utm_source=rss", "& ", "&#", "&#x;", "&#;", "&unknown;", "&AMP;",
            "&Afr;", "&NotEqualTilde;", "&fjlig;", "&lang=en", "&not", "&para=1", "&b=2", "&{x}",
        ];

        /// <summary>The entities before this index are unambiguous ones.</summary>
        private const int PlainEntities = 11;

        private static readonly string[] Urls =
        [
            "/news/1", "news/2?a=1&b=2", "news/2?a=1&amp;b=2", "?page=2", "#top", "//cdn.gov.example/x.jpg",
            "https://gov.example/a", "HTTPS://GOV.EXAMPLE/B", "http://x.example/a b", " https://x.example/lead",
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", " java\tscript:x", "java&#115;cript:x", "data:image/png;base64,AAA",
            "data:text/html,<b>x</b>", "mailto:press@gov.example", "ftp://files.gov.example/", "http://x/&{y}", "", " ",
            "https://mc.yandex.ru/watch/1", "https://pixel.example/p.gif", "../up/one", "https://гос.example/путь",
            "https://gov.example/путь?q=да", "http://[::1]/", "http://exa mple/", "vbscript:x", "/a\"b", "/a'b", "/a<b>",
        ];

        /// <summary>Half the fragments are well-formed (as most feeds are), half may hold anything.</summary>
        public static string Fragment(Random random)
        {
            var html = new StringBuilder();
            var hostile = random.Next(2) == 0;
            int blocks = random.Next(1, 5);
            for (int i = 0; i < blocks; i++)
            {
                Content(html, random, depth: 0, hostile);
                if (random.Next(3) == 0) html.Append(random.Next(3) switch { 0 => "\n", 1 => " ", _ => "\n\n" });
            }
            return html.ToString();
        }

        private static void Content(StringBuilder html, Random random, int depth, bool hostile)
        {
            int parts = random.Next(1, 4);
            for (int i = 0; i < parts; i++)
            {
                switch (random.Next(depth > 3 ? 3 : 12))
                {
                    case 0: case 1: Text(html, random, hostile); break;
                    case 2: html.Append(Entities[random.Next(hostile ? Entities.Length : PlainEntities)]); break;
                    case 3 when random.Next(hostile ? 10 : 30) == 0: html.Append(random.Next(hostile ? 8 : 1) switch
                    {
                        0 => "<!-- note -->", 1 => "<![CDATA[x]]>", 2 => "<?php x ?>", 3 => "</br>", 4 => "<!-->",
                        5 => "<!-- a -- b -->", 6 => "<!--->", _ => "<!-- x --!>",
                    }); break;
                    case 4 when random.Next(6) == 0:
                        var raw = random.Next(2) == 0 ? "script" : "style";
                        html.Append('<').Append(raw).Append('>').Append(random.Next(4) switch
                        {
                            0 => "var a = '<p>';", 1 => "<!-- x -->", 2 => "p{color:red}", _ => "</scripts>",
                        }).Append(random.Next(8) == 0 ? $"</{raw.ToUpperInvariant()}>" : $"</{raw}>");
                        break;
                    default: Element(html, random, depth, hostile); break;
                }
            }
        }

        private static void Text(StringBuilder html, Random random, bool hostile)
        {
            int words = random.Next(1, 6);
            for (int i = 0; i < words; i++)
            {
                if (i > 0) html.Append(random.Next(10) switch { 0 => "\n", 1 => "  ", 2 => "\t", _ => " " });
                var word = Words[random.Next(Words.Length)];
                html.Append(hostile ? word : word.Replace("<", "&lt;"));
            }
            if (random.Next(4) == 0) html.Append(random.Next(3) switch { 0 => ", the minister said.", 1 => "», — отметил он.", _ => "\" he noted." });
        }

        private static void Element(StringBuilder html, Random random, int depth, bool hostile)
        {
            // Well-formed fragments nest as articles do: blocks at the top, phrasing inside them.
            var name = hostile && random.Next(12) == 0 ? Other[random.Next(Other.Length)]
                : !hostile && depth > 0 ? Inline[random.Next(Inline.Length)]
                : Kept[random.Next(Kept.Length)];
            var written = random.Next(15) == 0 ? name.ToUpperInvariant() : name;
            html.Append('<').Append(written);
            int attributes = random.Next(name is "a" or "img" ? 1 : 0, 4);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < attributes; i++) Attribute(html, random, name, hostile, names);
            bool isVoid = name is "br" or "img" or "hr" or "wbr" or "input";
            html.Append(random.Next(12) == 0 && (hostile || isVoid) ? "/>" : random.Next(20) == 0 ? " >" : ">");
            if (isVoid) return;
            Content(html, random, depth + 1, hostile);
            switch (hostile ? random.Next(14) : 2)
            {
                case 0: break; // left open
                case 1: html.Append("</").Append(Kept[random.Next(Kept.Length)]).Append('>'); break; // likely mismatched
                default: html.Append("</").Append(random.Next(15) == 0 ? name.ToUpperInvariant() : name).Append('>'); break;
            }
        }

        private static void Attribute(StringBuilder html, Random random, string element, bool hostile, HashSet<string> names)
        {
            var name = random.Next(10) switch
            {
                0 or 1 or 2 => element == "img" ? "src" : "href",
                3 => "alt", 4 => "title", 5 => random.Next(2) == 0 ? "width" : "height",
                6 => random.Next(3) switch { 0 => "style", 1 => "onclick", _ => "class" },
                7 => random.Next(3) switch { 0 => "data-id", 1 => "target", _ => "rel" },
                8 => random.Next(2) == 0 ? "HREF" : "cite",
                _ => random.Next(2) == 0 ? "lang" : "id",
            };
            if (!names.Add(name) && !hostile) return; // a repeated attribute is for hostile fragments
            var value = name.ToLowerInvariant() is "href" or "src" or "cite"
                ? Urls[random.Next(Urls.Length)]
                : name is "width" or "height" ? random.Next(3) switch { 0 => "1", 1 => "1px", _ => "640" }
                : random.Next(4) == 0 ? Entities[random.Next(hostile ? Entities.Length : PlainEntities)] : Words[random.Next(Words.Length)];
            html.Append(random.Next(10) == 0 ? "\n" : " ").Append(name);
            switch (random.Next(10))
            {
                case 0: break; // no value
                case 1: html.Append('=').Append(value.Replace(" ", "").Replace(">", "")); break; // unquoted
                case 2: html.Append("='").Append(value.Replace("'", "&#39;")).Append('\''); break;
                default: html.Append("=\"").Append(value.Replace("\"", "&quot;")).Append('"'); break;
            }
        }
    }
}
