using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Publishing.Writers;
using FeedProcessor.Core.Publishing.Writers.Atom;
using FeedProcessor.Core.Publishing.Writers.Json;
using FeedProcessor.Core.Publishing.Writers.Rss;

namespace FeedProcessor.Tests.Security.Support;

/// <summary>A document as a source sends it, parsed, normalized and rendered in every output format, checked strictly.</summary>
internal static class ThroughThePipeline
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    /// <summary>Parses (a <see cref="FeedParseException"/> passes through), then renders RSS, Atom and JSON and checks each.</summary>
    public static ParsedFeed ParseAndRender(byte[] document)
    {
        var feed = FeedParser.Parse(document, new ParseOptions { DocumentUrl = new Uri("https://hostile.example.gov/feed") });
        var context = new NormalizeContext { SourceId = "hostile", SourceTitle = "Hostile", SourceUrl = new Uri("https://hostile.example.gov/feed"), FetchedAt = DateTimeOffset.UnixEpoch };
        var articles = feed.Entries.Take(50).Select(entry => ArticleNormalizer.Shared.Normalize(entry, context)).ToList();
        // Straight into each writer, as the endpoint hands a page over: the archive and the index have tests of their own,
        // and a lone surrogate would not survive the stored JSON for the writer to strip it.
        foreach (var writer in new IFeedWriter[] { new RssWriter(), new AtomWriter(), new JsonFeedWriter() })
        {
            var body = Publishing.FeedRendering.WriteDirectly(writer, articles, []);
            var text = StrictUtf8.GetString(body);
            Assert.DoesNotContain(text, c => c < 0x20 && c is not ('\t' or '\n' or '\r'));
            if (writer is JsonFeedWriter)
                using (JsonDocument.Parse(body)) { }
            else
                XDocument.Parse(text, LoadOptions.None);
        }
        return feed;
    }
}
