using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Fetching.Transfer;
using FeedProcessor.Tests.Fetching.Support;

namespace FeedProcessor.Tests.Fetching;

public sealed class LimitsTests
{
    private const int TwentyMiB = 20 * 1024 * 1024;

    [Fact]
    public async Task A_server_that_never_answers_times_out_with_a_clear_sentence()
    {
        await using var server = new LoopbackServer((_, response) => Task.Delay(Timeout.Infinite, response.Stopping));
        using var fetcher = FetcherFactory.Create(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed?token=s3cret")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchErrorKind.Timeout, result.ErrorKind);
        Assert.Equal("timeout", result.NewState.LastStatus);
        Assert.Equal($"http://127.0.0.1:{server.Port}/feed?token=REDACTED did not answer within 0.3 seconds.", result.Error);
        Assert.Equal(1, result.NewState.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_also_times_out()
    {
        await using var server = new LoopbackServer(async (_, response) =>
        {
            await response.SendHeadAsync(200, ("Content-Length", "1000"));
            await response.Stream.WriteAsync(Encoding.ASCII.GetBytes("<rss>"));
            await Task.Delay(Timeout.Infinite, response.Stopping);
        });
        using var fetcher = FetcherFactory.Create(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.Timeout, result.ErrorKind);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_the_only_exception()
    {
        await using var server = new LoopbackServer((_, response) => Task.Delay(Timeout.Infinite, response.Stopping));
        using var fetcher = FetcherFactory.Create(o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        using var cycle = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, cycle.Token));
    }

    [Fact]
    public async Task The_cycle_budget_cancels_fetches_still_running_when_it_is_spent()
    {
        await using var server = new LoopbackServer((_, response) => Task.Delay(Timeout.Infinite, response.Stopping));
        using var fetcher = FetcherFactory.Create(o => { o.RequestTimeout = TimeSpan.FromSeconds(30); o.CycleBudget = TimeSpan.FromMilliseconds(200); });
        using var budget = fetcher.CreateCycleBudget();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, budget.Token));
        Assert.True(budget.IsCancellationRequested);
    }

    [Fact]
    public async Task A_declared_20_MiB_body_is_refused_before_reading()
    {
        await using var server = new LoopbackServer(async (_, response) =>
        {
            await response.SendHeadAsync(200, ("Content-Length", TwentyMiB.ToString()));
            var chunk = new byte[64 * 1024];
            for (var sent = 0; sent < TwentyMiB; sent += chunk.Length) await response.Stream.WriteAsync(chunk, response.Stopping);
        });
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/huge")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.TooLarge, result.ErrorKind);
        Assert.Equal("The feed is larger than 15 MiB; refused.", result.Error);
        Assert.Equal("too-large", result.NewState.LastStatus);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task A_chunked_20_MiB_body_is_cut_off_at_the_limit()
    {
        await using var server = new LoopbackServer(async (_, response) =>
        {
            await response.SendHeadAsync(200, ("Transfer-Encoding", "chunked"));
            var chunk = new byte[64 * 1024];
            var header = Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n");
            for (var sent = 0; sent < TwentyMiB; sent += chunk.Length)
            {
                await response.Stream.WriteAsync(header, response.Stopping);
                await response.Stream.WriteAsync(chunk, response.Stopping);
                await response.Stream.WriteAsync("\r\n"u8.ToArray(), response.Stopping);
            }
            await response.Stream.WriteAsync("0\r\n\r\n"u8.ToArray(), response.Stopping);
        });
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/huge")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.TooLarge, result.ErrorKind);
        Assert.Equal("The feed is larger than 15 MiB; refused.", result.Error);
    }

    [Fact]
    public async Task A_gzip_bomb_is_measured_after_decompression()
    {
        var bomb = Gzip(new byte[TwentyMiB]);
        Assert.True(bomb.Length < 100_000);
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, bomb, ("Content-Encoding", "gzip")));
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/bomb")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.TooLarge, result.ErrorKind);
    }

    [Fact]
    public async Task Reading_an_endless_stream_stops_one_byte_past_the_limit()
    {
        var endless = new EndlessStream();

        var body = await BoundedBodyReader.ReadAsync(endless, declaredLength: null, maxBytes: 1_000_000, CancellationToken.None);

        Assert.Null(body);
        Assert.Equal(1_000_001, endless.BytesRead);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(10, 10L)]
    [InlineData(100_000, null)]
    [InlineData(1_000_000, 1_000_000L)]
    [InlineData(1_000_000, null)]
    public async Task Bodies_up_to_the_limit_are_read_whole(int length, long? declared)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

        var body = await BoundedBodyReader.ReadAsync(new MemoryStream(data), declared, maxBytes: 1_000_000, CancellationToken.None);

        Assert.Equal(data, body);
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize)) gzip.Write(data);
        return output.ToArray();
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) { BytesRead += count; return count; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
