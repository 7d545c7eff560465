using System.Runtime.InteropServices;
using FeedProcessor.Core.Parsing.Encoding;

namespace FeedProcessor.Core.Parsing;

/// <summary>
/// A document's bytes as the parser reads them: a sample to choose the encoding and sniff the format,
/// then text readers over the whole document. A non-seekable stream can be read once only.
/// </summary>
internal sealed class DocumentInput
{
    private const int SampleBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly long _start;
    private readonly byte[] _sample;
    private readonly int _sampleLength;
    private readonly bool _sampleIsWhole;
    private readonly bool _fromMemory;
    private bool _consumed;

    private DocumentInput(Stream stream, long start, byte[] sample, int sampleLength, bool sampleIsWhole, bool fromMemory)
    {
        _fromMemory = fromMemory;
        _stream = stream;
        _start = start;
        _sample = sample;
        _sampleLength = sampleLength;
        _sampleIsWhole = sampleIsWhole;
    }

    public DetectedEncoding Encoding { get; private set; }

    public bool IsEmpty => _sampleLength == 0;

    public static DocumentInput FromMemory(ReadOnlyMemory<byte> content)
    {
        var array = MemoryMarshal.TryGetArray(content, out var segment) && segment.Offset == 0 && segment.Array is not null
            ? segment.Array
            : content.ToArray();
        return new DocumentInput(Stream.Null, 0, array, content.Length, sampleIsWhole: true, fromMemory: true);
    }

    public static DocumentInput FromStream(Stream stream)
    {
        var start = stream.CanSeek ? stream.Position : 0;
        var sample = new byte[SampleBytes];
        var length = 0;
        int read;
        while (length < sample.Length && (read = stream.Read(sample, length, sample.Length - length)) > 0) length += read;
        return new DocumentInput(stream, start, sample, length, sampleIsWhole: length < sample.Length, fromMemory: false);
    }

    public void DetectEncoding(string? contentType, ICollection<string> warnings) =>
        Encoding = CharsetDetector.Detect(_sample.AsSpan(0, _sampleLength), _sampleIsWhole, contentType, warnings);

    /// <summary>The first characters of the document, to tell the format by its shape.</summary>
    public string Head(int maxChars = 4096)
    {
        var bytes = _sample.AsSpan(Encoding.BomLength, _sampleLength - Encoding.BomLength);
        var text = Encoding.Encoding.GetString(bytes[..Math.Min(bytes.Length, maxChars * 4)]);
        return text.Length > maxChars ? text[..maxChars] : text;
    }

    /// <summary>Whether <see cref="OpenText"/> can be called (again): memory always, a stream when seekable or not yet read.</summary>
    public bool CanReread => _fromMemory || !_consumed || _stream.CanSeek;

    /// <summary>The whole document as decoded text, streamed.</summary>
    public TextReader OpenText()
    {
        if (!CanReread) throw new InvalidOperationException("the document stream cannot be read twice");
        Stream source;
        if (_fromMemory)
            source = new MemoryStream(_sample, Encoding.BomLength, _sampleLength - Encoding.BomLength, writable: false);
        else if (!_consumed)
            source = new PrefixedStream(_sample, Encoding.BomLength, _sampleLength - Encoding.BomLength, _stream);
        else
        {
            _stream.Position = _start + Encoding.BomLength;
            source = _stream;
        }
        _consumed = true;
        return new StreamReader(source, Encoding.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024, leaveOpen: true);
    }

    public string ReadAllText()
    {
        using var reader = OpenText();
        return reader.ReadToEnd();
    }

    /// <summary>The sample bytes followed by the rest of the stream, so sniffing does not need a seekable stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, int offset, int count, Stream rest) : Stream
    {
        private int _offset = offset;
        private int _remaining = count;

        public override int Read(byte[] buffer, int bufferOffset, int length) => Read(buffer.AsSpan(bufferOffset, length));

        public override int Read(Span<byte> buffer)
        {
            if (_remaining > 0)
            {
                var n = Math.Min(_remaining, buffer.Length);
                prefix.AsSpan(_offset, n).CopyTo(buffer);
                _offset += n;
                _remaining -= n;
                return n;
            }
            return rest.Read(buffer);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
