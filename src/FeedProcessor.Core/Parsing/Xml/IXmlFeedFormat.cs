using System.Xml;
using System.Xml.Linq;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>
/// One XML feed format as the streaming reader sees it: which elements hold entries, which hold more feed
/// elements, and how to read each. Entries arrive one small tree at a time so memory stays bounded.
/// </summary>
internal interface IXmlFeedFormat
{
    /// <summary>Called on the root and on each container element before its children are read.</summary>
    void EnterContainer(XmlReader reader, XmlContext context, ParsedFeed feed);

    bool IsContainer(XmlReader reader);

    bool IsEntry(XmlReader reader);

    void ReadFeedElement(XElement element, XmlContext context, ParsedFeed feed);

    ParsedEntry ReadEntry(XElement entry, XmlContext context);
}
