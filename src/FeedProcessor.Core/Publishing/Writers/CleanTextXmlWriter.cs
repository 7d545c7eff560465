using System.Xml;

namespace FeedProcessor.Core.Publishing.Writers;

/// <summary>
/// Passes every piece of text through <see cref="SafeText.Clean"/> on its way to the real writer, so a control
/// character or a lone surrogate in a source's article is dropped instead of failing the whole feed
/// (XmlWriter can only refuse such characters, not drop them).
/// </summary>
internal sealed class CleanTextXmlWriter(XmlWriter inner) : XmlWriter
{
    public override WriteState WriteState => inner.WriteState;
    public override XmlWriterSettings? Settings => inner.Settings;
    public override string? XmlLang => inner.XmlLang;
    public override XmlSpace XmlSpace => inner.XmlSpace;

    public override void WriteString(string? text) => inner.WriteString(text is null ? null : SafeText.Clean(text));
    public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));
    public override void WriteCData(string? text) => inner.WriteCData(text is null ? null : SafeText.Clean(text));
    public override void WriteComment(string? text) => inner.WriteComment(text is null ? null : SafeText.Clean(text));
    public override void WriteRaw(string data) => inner.WriteRaw(SafeText.Clean(data));
    public override void WriteRaw(char[] buffer, int index, int count) => WriteRaw(new string(buffer, index, count));
    public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);
    public override void WriteCharEntity(char ch)
    {
        if (SafeText.IsAllowed(ch) && !char.IsSurrogate(ch)) inner.WriteCharEntity(ch);
    }
    public override void WriteSurrogateCharEntity(char lowChar, char highChar) => inner.WriteSurrogateCharEntity(lowChar, highChar);
    public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);
    public override void WriteProcessingInstruction(string name, string? text) =>
        inner.WriteProcessingInstruction(name, text is null ? null : SafeText.Clean(text));
    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);

    public override void WriteStartDocument() => inner.WriteStartDocument();
    public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);
    public override void WriteEndDocument() => inner.WriteEndDocument();
    public override void WriteStartElement(string? prefix, string localName, string? ns) => inner.WriteStartElement(prefix, localName, ns);
    public override void WriteEndElement() => inner.WriteEndElement();
    public override void WriteFullEndElement() => inner.WriteFullEndElement();
    public override void WriteStartAttribute(string? prefix, string localName, string? ns) => inner.WriteStartAttribute(prefix, localName, ns);
    public override void WriteEndAttribute() => inner.WriteEndAttribute();
    public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);
    public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);
    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
