// Interim stand-in until the publishing stage's FeedEndpoint lands.
using System.Text;
using System.Xml;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Publishing;

public sealed class FeedEndpoint
{
    public ApiResponse Handle(ApiRequest request, FeedIndex index, string indexVersion, IReadOnlyList<SourceDefinition> sources)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            writer.WriteStartElement("rss");
            writer.WriteAttributeString("version", "2.0");
            writer.WriteStartElement("channel");
            writer.WriteElementString("title", "FeedProcessor");
            writer.WriteElementString("link", request.PublicBaseUrl + "/");
            writer.WriteElementString("description", "Official news");
            foreach (var a in index.Articles.Take(50))
            {
                writer.WriteStartElement("item");
                writer.WriteElementString("title", a.Title);
                if (a.Url is not null) writer.WriteElementString("link", a.Url);
                writer.WriteElementString("guid", "urn:feedprocessor:article:" + a.Id);
                writer.WriteElementString("pubDate", (a.Published ?? a.FirstSeen).ToString("r"));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return new ApiResponse { ContentType = "application/rss+xml; charset=utf-8", Body = buffer.ToArray() };
    }
}
