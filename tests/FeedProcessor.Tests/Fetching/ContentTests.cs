using System.IO.Compression;
using System.Text;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Tests.Fetching.Support;

namespace FeedProcessor.Tests.Fetching;

public sealed class ContentTests
{
    private static readonly byte[] Feed = Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ministère</title>" + string.Concat(Enumerable.Repeat("<item><title>x</title></item>", 200)) + "</channel></rss>");

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task Compressed_bodies_arrive_decompressed(string encoding)
    {
        await using var server = new LoopbackServer((request, response) =>
        {
            Assert.Contains(encoding, request.Header("Accept-Encoding"));
            return response.SendAsync(200, Compress(Feed, encoding), ("Content-Encoding", encoding), ("Content-Type", "application/rss+xml"));
        });
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(Feed, result.Body);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_body_that_lies_about_its_compression_is_a_clear_failure()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, Feed, ("Content-Encoding", "gzip")));
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchErrorKind.BadEncoding, result.ErrorKind);
    }

    [Fact]
    public async Task A_wrong_content_type_is_still_fetched_and_reported_as_sent()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, Feed, ("Content-Type", "text/plain; charset=ISO-8859-1")));
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal("text/plain; charset=ISO-8859-1", result.ContentType);
        Assert.Equal(Feed, result.Body);
    }

    [Fact]
    public async Task An_empty_200_is_a_failure_that_keeps_the_old_validators()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, "", ("ETag", "\"empty\"")));
        using var fetcher = FetcherFactory.Create(o => o.BaseBackoff = TimeSpan.FromMinutes(15));
        var state = new SourceFetchState { ETag = "\"good\"", LastSuccess = FetcherFactory.Now.AddHours(-1) };

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), state, FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchErrorKind.EmptyBody, result.ErrorKind);
        Assert.Equal("empty-body", result.NewState.LastStatus);
        Assert.Equal($"The server answered 200 for http://127.0.0.1:{server.Port}/feed with an empty body.", result.Error);
        Assert.Equal("\"good\"", result.NewState.ETag);
        Assert.Equal(FetcherFactory.Now.AddHours(-1), result.NewState.LastSuccess);
        Assert.Equal(FetcherFactory.Now.AddMinutes(15), result.NewState.NextPollNotBefore);
    }

    [Fact]
    public async Task A_404_names_the_status_and_the_redacted_url()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(404, "<html>gone</html>"));
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(new Uri($"http://user:pw@127.0.0.1:{server.Port}/feed?api_key=abc&page=2")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(404, result.HttpStatus);
        Assert.Equal("404", result.NewState.LastStatus);
        Assert.Equal($"The server answered 404 Not Found for http://127.0.0.1:{server.Port}/feed?api_key=REDACTED&page=2.", result.Error);
        Assert.Equal("/feed?api_key=abc&page=2", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Article_pages_are_fetched_as_html_with_the_same_guards()
    {
        await using var server = new LoopbackServer((request, response) => request.Path == "/article"
            ? response.SendAsync(200, "<html><body>Text</body></html>", ("Content-Type", "text/html"))
            : response.RedirectAsync(302, "http://169.254.169.254/"));
        using var fetcher = FetcherFactory.Create();

        var page = await fetcher.FetchPageAsync(server.Url("/article"), CancellationToken.None);
        var trap = await fetcher.FetchPageAsync(server.Url("/trap"), CancellationToken.None);

        Assert.Equal(FetchOutcome.Fetched, page.Outcome);
        Assert.Equal("<html><body>Text</body></html>", Encoding.UTF8.GetString(page.Body!));
        Assert.StartsWith("text/html", server.Requests[0].Header("Accept"));
        Assert.Equal(FetchErrorKind.RefusedAddress, trap.ErrorKind);
    }

    private static byte[] Compress(byte[] data, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal),
            "br" => new BrotliStream(output, CompressionLevel.Optimal),
            _ => new ZLibStream(output, CompressionLevel.Optimal),
        })
        {
            compressor.Write(data);
        }
        return output.ToArray();
    }
}
