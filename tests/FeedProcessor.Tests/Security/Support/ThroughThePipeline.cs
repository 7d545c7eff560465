using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Tests.Publishing;

namespace FeedProcessor.Tests.Security.Support;

/// <summary>A document as a source sends it, parsed, normalized and rendered in every output format, checked strictly.</summary>
internal static class ThroughThePipeline
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);
    private static readonly FeedEndpoint Endpoint = new();

    /// <summary>Parses (a <see cref="FeedParseException"/> passes through), then renders RSS, Atom and JSON and checks each.</summary>
    public static ParsedFeed ParseAndRender(byte[] document)
    {
        var feed = FeedParser.Parse(document, new ParseOptions { DocumentUrl = new Uri("https://hostile.example.gov/feed") });
        var context = new NormalizeContext { SourceId = "hostile", SourceTitle = "Hostile", SourceUrl = new Uri("https://hostile.example.gov/feed"), FetchedAt = DateTimeOffset.UnixEpoch };
        var index = new TestArchive();
        index.Merge(feed.Entries.Take(50).Select(entry => ArticleNormalizer.Shared.Normalize(entry, context)).ToList());
        foreach (var format in new[] { "rss", "atom", "json" })
        {
            var response = Endpoint.HandleAsync(new ApiRequest { Route = "feed", Query = [KeyValuePair.Create("format", format), KeyValuePair.Create("limit", "500")], Host = "news.example.kz" },
                index.Publish(), []).GetAwaiter().GetResult();
            Assert.Equal(200, response.Status);
            var text = StrictUtf8.GetString(response.Body.Span);
            Assert.DoesNotContain(text, c => c < 0x20 && c is not ('\t' or '\n' or '\r'));
            if (format == "json")
                using (JsonDocument.Parse(response.Body)) { }
            else
                XDocument.Parse(text, LoadOptions.None);
        }
        return feed;
    }
}
