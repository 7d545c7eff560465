using FeedProcessor.Core.Normalizing.Urls;

namespace FeedProcessor.Tests.Normalizing.Urls;

public class UrlCleanerTests
{
    [Theory]
    [InlineData("HTTPS://WWW.Gov.KZ:443/news/1?utm_source=tg&id=5&fbclid=abc#top", "https://www.gov.kz/news/1?id=5")]
    [InlineData("http://example.gov:80/a?gclid=1&yclid=2&_openstat=3&mc_cid=4&mc_eid=5&UTM_Medium=x", "http://example.gov/a")]
    [InlineData("https://example.gov:8443/a?", "https://example.gov:8443/a")]
    [InlineData("https://example.gov/a?b=1&&c=2", "https://example.gov/a?b=1&c=2")]
    [InlineData("https://президент.рф/news", "https://xn--d1abbgf6aiiy.xn--p1ai/news")]
    public void Canonical_form_drops_tracking_default_port_fragment_and_case(string url, string expected) =>
        Assert.Equal(expected, UrlCleaner.Canonicalize(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("mailto:press@gov.kz")]
    [InlineData("ftp://gov.kz/file")]
    [InlineData("/relative/path")]
    [InlineData("")]
    public void Only_absolute_http_urls_have_a_canonical_form(string url) => Assert.Null(UrlCleaner.Canonicalize(url));

    [Theory]
    [InlineData("http://a\u0378b.example/news/1")] // an unassigned code point: a URI accepts it, IDN does not
    [InlineData("https://gov.example\u0378/")]
    public void A_host_that_IDN_refuses_is_no_link_and_no_error(string url)
    {
        Assert.Null(UrlCleaner.Clean(url, null));
        Assert.Null(UrlCleaner.Canonicalize(url));
        Assert.False(FeedProcessor.Core.Normalizing.Html.TrackingPixels.IsTrackerUrl(url));
    }

    [Fact]
    public void Links_are_resolved_against_the_base_and_keep_their_fragment()
    {
        var baseUrl = new Uri("https://example.gov/news/list.html");
        Assert.Equal("https://example.gov/news/item-1?x=1#photo", UrlCleaner.Clean("item-1?x=1&utm_campaign=a#photo", baseUrl));
        Assert.Equal("https://example.gov/press/2", UrlCleaner.Clean("/press/2", baseUrl));
        Assert.Equal("https://cdn.example.gov/a", UrlCleaner.Clean("//cdn.example.gov/a", baseUrl));
        Assert.Null(UrlCleaner.Clean("javascript:void(0)", baseUrl));
        Assert.Null(UrlCleaner.Clean("/press/2", null));
    }
}

/// <summary>Found by the corpus fuzzer: a link whose cleaned form did not parse again crashed normalizing.</summary>
public sealed class UrlCleanerRoundTripTests
{
    [Theory]
    [InlineData("http://[::1]/news?utm_source=x", "http://[::1]/news")]
    [InlineData("https://[2001:db8::1]:8443/a", "https://[2001:db8::1]:8443/a")]
    public void Ipv6_literals_keep_their_brackets(string link, string expected) =>
        Assert.Equal(expected, Core.Normalizing.Urls.UrlCleaner.Clean(link, null));

    [Fact]
    public void Every_cleaned_url_parses_again()
    {
        foreach (var link in new[] { "http://[::1]/x", "http://xn--/a", "http://a..b/", "http://%41/", "http://[fe80::1%25eth0]/x" })
        {
            var cleaned = Core.Normalizing.Urls.UrlCleaner.Clean(link, null);
            Assert.True(cleaned is null || Uri.TryCreate(cleaned, UriKind.Absolute, out _), $"{link} → {cleaned}");
        }
    }
}
