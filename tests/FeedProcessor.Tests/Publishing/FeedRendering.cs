using System.Text;
using System.Xml.Linq;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing;

/// <summary>Renders feeds through the real endpoint, as a host would.</summary>
internal static class FeedRendering
{
    public static ApiResponse Respond(string query = "", TestArchive? index = null, Dictionary<string, string>? headers = null, FeedEndpoint? endpoint = null) =>
        (endpoint ?? new FeedEndpoint()).HandleAsync(Request(query, headers), (index ?? SampleIndex()).Publish(), Sources()).GetAwaiter().GetResult();

    public static string Render(string query = "", TestArchive? index = null, Dictionary<string, string>? headers = null)
    {
        var response = Respond(query, index, headers);
        Assert.True(response.Status == 200, Encoding.UTF8.GetString(response.Body.Span));
        return Encoding.UTF8.GetString(response.Body.Span);
    }

    public static XDocument RenderXml(string query = "", TestArchive? index = null) => XDocument.Parse(Render(query, index));

    /// <summary>
    /// Renders one article straight through a writer, for what the stored archive cannot hold: a lone surrogate in
    /// stored JSON already comes back as U+FFFD, so only the writer itself can show that it strips one.
    /// </summary>
    public static string WriteDirectly(Core.Publishing.Writers.IFeedWriter writer, Core.Normalizing.Article article) =>
        Encoding.UTF8.GetString(WriteDirectly(writer, [article], Sources()));

    /// <summary>A page of articles straight through a writer, with a next link, as the endpoint hands one over.</summary>
    public static byte[] WriteDirectly(Core.Publishing.Writers.IFeedWriter writer, IReadOnlyList<Core.Normalizing.Article> articles,
        IReadOnlyList<Core.Sources.SourceDefinition> sources)
    {
        using var output = new MemoryStream();
        writer.Write(new Core.Publishing.Writers.FeedDocument
        {
            Title = "FeedProcessor", Description = "Test", FeedId = "urn:test", SelfUrl = "https://news.example.kz/api/feed",
            NextUrl = "https://news.example.kz/api/feed?after=next", HomeUrl = "https://news.example.kz/api/", Updated = Epoch,
            Items = articles, Sources = sources,
        }, output);
        return output.ToArray();
    }

    /// <summary>Every URL-valued attribute and element of a document, HTML inside content included.</summary>
    public static IEnumerable<string> AllUrls(XDocument document)
    {
        string[] urlAttributes = ["href", "src", "url", "xmlUrl", "htmlUrl", "srcset", "poster", "cite"];
        foreach (var attribute in document.Descendants().Attributes().Where(a => urlAttributes.Contains(a.Name.LocalName)))
            yield return attribute.Value;
        foreach (var element in document.Descendants().Where(e => e.Name.LocalName is "link" or "docs" && !e.HasElements && e.Value.Length > 0))
            yield return element.Value;
        foreach (var html in document.Descendants().Where(e => e.Name.LocalName is "encoded" or "content"))
        {
            var parsed = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html.Value);
            foreach (var element in parsed.All)
                foreach (var attribute in element.Attributes.Where(a => urlAttributes.Contains(a.Name)))
                    yield return attribute.Value;
        }
    }
}
