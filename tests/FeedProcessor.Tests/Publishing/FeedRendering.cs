using System.Text;
using System.Xml.Linq;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing;

/// <summary>Renders feeds through the real endpoint, as a host would.</summary>
internal static class FeedRendering
{
    public static ApiResponse Respond(string query = "", FeedIndex? index = null, Dictionary<string, string>? headers = null, FeedEndpoint? endpoint = null) =>
        (endpoint ?? new FeedEndpoint()).Handle(Request(query, headers), index ?? SampleIndex(), "v1", Sources());

    public static string Render(string query = "", FeedIndex? index = null, Dictionary<string, string>? headers = null)
    {
        var response = Respond(query, index, headers);
        Assert.True(response.Status == 200, Encoding.UTF8.GetString(response.Body.Span));
        return Encoding.UTF8.GetString(response.Body.Span);
    }

    public static XDocument RenderXml(string query = "", FeedIndex? index = null) => XDocument.Parse(Render(query, index));

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
