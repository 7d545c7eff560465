using System.Text;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing;

[Collection(FeedProcessor.Tests.Infrastructure.RunAlone.Name)] // measures the process's live memory
public class StreamingParseTests
{
    /// <summary>A read-only, non-seekable stream that writes a large RSS document as it is read, so the test holds no copy of it.</summary>
    private sealed class GeneratedRssStream(int items, bool truncateLast = false, string titleSuffix = "") : Stream
    {
        private readonly IEnumerator<byte[]> _chunks = Chunks(items, truncateLast, titleSuffix).GetEnumerator();
        private byte[] _current = [];
        private int _offset;

        private static IEnumerable<byte[]> Chunks(int items, bool truncateLast, string titleSuffix)
        {
            yield return System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Big</title><ttl>15</ttl>");
            var body = new string('x', 1500);
            for (var i = 1; i <= items; i++)
            {
                var item = $"<item><title>Item {i}{titleSuffix}</title><link>https://big.example.org/{i}</link><guid>g{i}</guid><pubDate>Sun, 04 Feb 2024 14:30:00 GMT</pubDate><description>{body}</description></item>";
                yield return System.Text.Encoding.UTF8.GetBytes(truncateLast && i == items ? item[..40] : item);
            }
            if (!truncateLast) yield return System.Text.Encoding.UTF8.GetBytes("</channel></rss>");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (_offset == _current.Length)
            {
                if (!_chunks.MoveNext()) return 0;
                _current = _chunks.Current;
                _offset = 0;
            }
            var n = Math.Min(count, _current.Length - _offset);
            Array.Copy(_current, _offset, buffer, offset, n);
            _offset += n;
            return n;
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

    [Fact]
    public void Entries_are_delivered_one_by_one_and_not_retained()
    {
        var delivered = 0;
        string? last = null;
        var feed = FeedParser.Parse(new GeneratedRssStream(20_000), new ParseOptions(), entry =>
        {
            delivered++;
            last = entry.Title;
        });
        Assert.Equal(20_000, delivered);
        Assert.Equal("Item 20000", last);
        Assert.Empty(feed.Entries);
        Assert.Equal("Big", feed.Title);
        Assert.Equal(15, feed.TtlMinutes);
        Assert.Equal(FeedFormats.Rss20, feed.Format);
    }

    /// <summary>
    /// What is still reachable, after a full collection: garbage not yet collected is no part of what a parser holds,
    /// and counting it made the figure depend on when the GC last ran (a loaded machine saw 15 MB where 12 was allowed).
    /// </summary>
    private static long LiveMemory() => GC.GetTotalMemory(forceFullCollection: true);

    [Fact]
    public void A_30_MB_document_is_read_without_holding_it_in_memory()
    {
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var count = 0;
        FeedParser.Parse(new GeneratedRssStream(20_000), new ParseOptions(), _ =>
        {
            if (++count % 2_000 == 0) peak = Math.Max(peak, LiveMemory() - before);
        });
        // The document is ~34 MB of UTF-8 (twice that as .NET strings); live memory must stay far below it.
        Assert.True(peak < 16 * 1024 * 1024, $"live memory grew by {peak / 1024 / 1024} MB");
    }

    [Fact]
    public void A_large_broken_file_is_repaired_as_a_stream()
    {
        var path = Path.Combine(Path.GetTempPath(), $"feedprocessor-broken-{Guid.NewGuid():N}.xml");
        try
        {
            using (var file = File.Create(path)) new GeneratedRssStream(10_000, titleSuffix: " &laquo;x&raquo;").CopyTo(file);
            GC.Collect();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            var count = 0;
            ParsedFeed feed;
            using (var stream = File.OpenRead(path))
            {
                feed = FeedParser.Parse(stream, new ParseOptions(), entry =>
                {
                    Assert.EndsWith("«x»", entry.Title);
                    if (++count % 1_000 == 0) peak = Math.Max(peak, LiveMemory() - before);
                });
            }
            Assert.Equal(10_000, count);
            Assert.Contains("recovered 20000 undefined HTML entities", feed.Warnings);
            // ~17 MB of XML; the liberal pass streams it too.
            Assert.True(peak < 12 * 1024 * 1024, $"live memory grew by {peak / 1024 / 1024} MB");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Entries_reach_the_callback_before_the_document_ends()
    {
        var stream = new GeneratedRssStream(3, truncateLast: true);
        var titles = new List<string?>();
        var feed = FeedParser.Parse(stream, new ParseOptions(), e => titles.Add(e.Title));
        Assert.Equal(["Item 1", "Item 2"], titles);
        Assert.Contains(feed.Warnings, w => w.Contains("kept the 2 entries"));
    }

    [Fact]
    public void A_broken_seekable_stream_is_repaired_without_delivering_an_entry_twice()
    {
        var xml = "<rss version=\"2.0\"><channel><item><title>One</title></item><item><title>Two</title></item>"
                  + "<item><title>Three &laquo;quoted&raquo;</title></item><item><title>Four</title></item></channel></rss>";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        var titles = new List<string?>();
        var feed = FeedParser.Parse(stream, new ParseOptions(), e => titles.Add(e.Title));
        Assert.Equal(["One", "Two", "Three «quoted»", "Four"], titles);
        Assert.Contains("recovered 2 undefined HTML entities", feed.Warnings);
    }

    [Fact]
    public void In_memory_overload_keeps_the_entries()
    {
        var feed = ParsingTestData.ParseText("<rss version=\"2.0\"><channel><item><title>Kept</title></item></channel></rss>");
        Assert.Equal("Kept", feed.Entries.Single().Title);
    }
}
