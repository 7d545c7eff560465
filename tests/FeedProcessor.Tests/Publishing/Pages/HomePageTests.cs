using System.Text;
using AngleSharp.Html.Parser;
using FeedProcessor.Core.Publishing.Pages;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Pages;

public sealed class HomePageTests
{
    internal static IReadOnlyList<SourceStatusView> Statuses() =>
    [
        new()
        {
            Id = "primeminister", Title = "Prime Minister of Kazakhstan", Url = "https://primeminister.kz/ru/rss",
            LastPolled = Epoch.AddHours(2), LastSuccess = Epoch.AddHours(2), LastStatus = "200", ItemsFetched = 42,
            NextPollNotBefore = Epoch.AddHours(2.25),
        },
        new()
        {
            Id = "evil", Title = "<script>alert('x')</script><img src=x onerror=alert(1)>", Url = "javascript:alert(1)",
            LastPolled = Epoch.AddHours(2), LastStatus = "503", LastError = "<b>Service Unavailable</b>", ConsecutiveFailures = 4,
            PendingRedirect = new PendingMove("https://new.example.kz/\"><script>alert(2)</script>", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, 1),
        },
    ];

    [Fact]
    public void Lists_the_feed_in_every_format_and_each_source_with_its_health()
    {
        var html = HomePage.Render("https://news.example.kz/api", Statuses(), Epoch.AddHours(2), nextCycle: Epoch.AddHours(2).AddMinutes(15));
        var page = new HtmlParser().ParseDocument(html);

        var links = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("https://news.example.kz/api/feed", links);
        Assert.Contains("https://news.example.kz/api/feed?format=atom", links);
        Assert.Contains("https://news.example.kz/api/feed?format=json", links);
        Assert.Contains("https://news.example.kz/api/sources.opml", links);
        Assert.Contains("https://news.example.kz/api/feed?source=primeminister", links);
        Assert.Equal(3, page.QuerySelectorAll("link[rel=alternate]").Length);

        var rows = page.QuerySelectorAll("tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("OK", rows[0].TextContent);
        Assert.Contains("42", rows[0].TextContent);
        Assert.Contains("Failing (4 in a row)", rows[1].TextContent);
        Assert.EndsWith("2024-02-01 02:15 UTC", rows[1].TextContent); // no wait pending: the host's next cycle, as a time
        Assert.Contains("Moving to https://new.example.kz/", rows[1].TextContent);
        Assert.Contains("<b>Service Unavailable</b>", rows[1].TextContent);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Empty(page.QuerySelectorAll("script, iframe, link[rel=stylesheet], img"));
    }

    [Fact]
    public void A_source_that_must_wait_past_the_next_cycle_shows_its_own_time()
    {
        var waiting = Statuses()[0] with { NextPollNotBefore = Epoch.AddHours(3) };
        var html = HomePage.Render("https://news.example.kz/api", [waiting], Epoch.AddHours(2), nextCycle: Epoch.AddHours(2).AddMinutes(15));

        var row = new HtmlParser().ParseDocument(html).QuerySelector("tbody tr")!;
        Assert.EndsWith("not before 2024-02-01 03:00 UTC", row.TextContent);
    }

    [Fact]
    public void A_hostile_source_title_error_and_url_stay_text()
    {
        var html = HomePage.Render("https://news.example.kz/api", Statuses(), Epoch);
        var page = new HtmlParser().ParseDocument(html);

        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Empty(page.QuerySelectorAll("script, img, b"));
        Assert.Contains("<script>alert('x')</script><img src=x onerror=alert(1)>", page.Body!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Is_served_as_utf8_html_honouring_the_public_host()
    {
        var response = HomePage.Handle(Request(route: "", host: "feeds.example.org"), Statuses(), Epoch);

        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Contains("https://feeds.example.org/api/feed?format=atom", Encoding.UTF8.GetString(response.Body.Span));
    }
}
