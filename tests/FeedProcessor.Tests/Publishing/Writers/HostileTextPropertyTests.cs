using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CsCheck;
using FeedProcessor.Core.Publishing;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Writers;

/// <summary>Whatever text an article carries (any UTF-16 unit, surrogates and controls included), every format still renders and parses.</summary>
public sealed class HostileTextPropertyTests
{
    // Weighted towards what breaks feeds: C0/C1 controls, surrogate halves, non-characters, markup and Cyrillic.
    private static readonly Gen<string> AnyText = Gen.String[
        Gen.OneOf(Gen.Char['\u0000', '\u001F'], Gen.Char['\u007F', '\u009F'], Gen.Char['\uD800', '\uDFFF'], Gen.Char['\uFFFD', '\uFFFF'],
            Gen.Const('<'), Gen.Const('&'), Gen.Const(']'), Gen.Char['a', 'z'], Gen.Char['\u0400', '\u04FF'], Gen.Char), 0, 40];

    [Fact]
    public void Every_format_stays_well_formed_for_any_text()
    {
        Gen.Select(AnyText, AnyText, AnyText, AnyText).Sample((title, summary, html, author) =>
        {
            var article = Make("p", minutes: 1);
            article.Title = title;
            article.Summary = summary;
            article.ContentHtml = html;
            article.ContentText = html;
            article.Author = author;
            article.Categories = [title];
            article.SourceTitle = author;
            article.Language = summary;
            var index = new TestArchive { Articles = [article] };

            foreach (var format in new[] { "rss", "atom" })
            {
                var response = FeedRendering.Respond($"format={format}", index);
                Assert.Equal(200, response.Status);
                XDocument.Parse(Encoding.UTF8.GetString(response.Body.Span));
            }
            using var json = JsonDocument.Parse(FeedRendering.Respond("format=json", index).Body);
            Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        }, iter: 300);
    }

    [Fact]
    public void Clean_text_keeps_every_allowed_character_and_pairs()
    {
        AnyText.Sample(text =>
        {
            var cleaned = SafeText.Clean(text);
            Assert.Equal(cleaned, SafeText.Clean(cleaned));
            Assert.True(Encoding.UTF8.GetString(new UTF8Encoding(false, throwOnInvalidBytes: true).GetBytes(cleaned)) == cleaned);
            var kept = text.Where((c, i) => SafeText.IsAllowed(c) && !char.IsSurrogate(c)).Count();
            Assert.True(cleaned.Count(c => !char.IsSurrogate(c)) == kept);
        }, iter: 2000);
    }
}
