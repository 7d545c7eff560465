using System.Text;
using System.Xml;

namespace FeedProcessor.Core.Publishing.Writers;

/// <summary>The one way the publisher writes XML: UTF-8 without BOM, and every text passed through <see cref="SafeText"/>.</summary>
public static class XmlOutput
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        CheckCharacters = true,
        CloseOutput = false,
        NewLineHandling = NewLineHandling.Entitize,
    };

    public static XmlWriter Create(Stream output) => new CleanTextXmlWriter(XmlWriter.Create(output, Settings));
}
