using System.Xml;
using System.Xml.Linq;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>
/// Streams an XML feed with a strict XmlReader: DTDs ignored, no resolver, so external entities are never
/// fetched and entity expansion cannot happen. Entries are handed out as soon as each is read.
/// </summary>
internal sealed class XmlFeedReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private readonly IXmlFeedFormat _format;
    private readonly ParsedFeed _feed;
    private readonly Action<ParsedEntry> _onEntry;
    private readonly int _skipEntries;

    private XmlFeedReader(IXmlFeedFormat format, ParsedFeed feed, Action<ParsedEntry> onEntry, int skipEntries)
    {
        _format = format;
        _feed = feed;
        _onEntry = onEntry;
        _skipEntries = skipEntries;
    }

    /// <summary>Entries seen so far, delivered or skipped; after an XmlException it says how many were complete.</summary>
    public int EntriesRead { get; private set; }

    public static XmlReader Open(TextReader text) => XmlReader.Create(text, Settings);

    /// <summary>Reads the document's root and everything under it; throws XmlException where the XML breaks.</summary>
    /// <param name="skipEntries">Entries already delivered by an earlier pass over the same document.</param>
    public static XmlFeedReader Create(IXmlFeedFormat format, ParsedFeed feed, Action<ParsedEntry> onEntry, int skipEntries)
        => new(format, feed, onEntry, skipEntries);

    /// <param name="reader">Positioned on the root element.</param>
    public void Read(XmlReader reader, XmlContext documentContext) => ReadContainer(reader, documentContext);

    private void ReadContainer(XmlReader reader, XmlContext outer)
    {
        var context = outer.Enter(reader.GetAttribute("xml:base"), reader.GetAttribute("xml:lang"));
        _format.EnterContainer(reader, context, _feed);
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }
        reader.Read();
        while (!reader.EOF)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.EndElement:
                    reader.Read();
                    return;
                case XmlNodeType.Element when _format.IsEntry(reader):
                    var entry = (XElement)XNode.ReadFrom(reader);
                    if (++EntriesRead > _skipEntries) Deliver(entry, context);
                    break;
                case XmlNodeType.Element when _format.IsContainer(reader):
                    ReadContainer(reader, context);
                    break;
                case XmlNodeType.Element:
                    var element = (XElement)XNode.ReadFrom(reader);
                    ReadFeedElement(element, context);
                    break;
                default:
                    reader.Read();
                    break;
            }
        }
    }

    private void Deliver(XElement entry, XmlContext context)
    {
        ParsedEntry parsed;
        try
        {
            parsed = _format.ReadEntry(entry, context);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            // A defect in one entry's mapping must not lose the rest of the feed.
            _feed.Warnings.Add($"skipped entry {EntriesRead}: {e.Message}");
            return;
        }
        _onEntry(parsed);
    }

    private void ReadFeedElement(XElement element, XmlContext context)
    {
        try
        {
            _format.ReadFeedElement(element, context, _feed);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or UriFormatException)
        {
            _feed.Warnings.Add($"ignored feed element <{element.Name.LocalName}>: {e.Message}");
        }
    }
}
