using FeedProcessor.Core.Fetching.Safety;

namespace FeedProcessor.Tests.Fetching;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData("https://user:pass@news.example.gov/feed", "https://news.example.gov/feed")]
    [InlineData("https://news.example.gov/feed?token=abc&lang=en", "https://news.example.gov/feed?token=REDACTED&lang=en")]
    [InlineData("https://x.example/f?api_key=1&apikey=2&key=3&sig=4&signature=5&code=6&password=7&secret=8&access_token=9",
        "https://x.example/f?api_key=REDACTED&apikey=REDACTED&key=REDACTED&sig=REDACTED&signature=REDACTED&code=REDACTED&password=REDACTED&secret=REDACTED&access_token=REDACTED")]
    [InlineData("https://x.example/f?X-Amz-Signature=abc&client_secret=s&Token=t", "https://x.example/f?X-Amz-Signature=REDACTED&client_secret=REDACTED&Token=REDACTED")]
    [InlineData("https://x.example/f?postcode=75001&monkey=1&page=2", "https://x.example/f?postcode=75001&monkey=1&page=2")]
    [InlineData("http://x.example:8080/f?flag&key=", "http://x.example:8080/f?flag&key=REDACTED")]
    [InlineData("https://x.example/f#access_token=abc", "https://x.example/f")]
    public void Secrets_never_leave_in_a_url(string url, string expected)
    {
        Assert.Equal(expected, UrlRedactor.Redact(new Uri(url)));
    }
}
