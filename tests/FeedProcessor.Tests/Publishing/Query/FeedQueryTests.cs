using System.Text.Json;
using FeedProcessor.Core.Publishing.Query;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Query;

public sealed class FeedQueryTests
{
    [Fact]
    public void Defaults_to_rss_and_fifty_items()
    {
        var query = FeedQuery.Parse([]).Query!;

        Assert.Equal(OutputFormat.Rss, query.Format);
        Assert.Equal(50, query.Limit);
        Assert.False(query.IsFiltered);
    }

    [Fact]
    public void Parses_every_known_parameter_and_ignores_unknown_ones()
    {
        var result = FeedQuery.Parse(ParseQuery("format=atom&limit=120&source=MFA,%20energy,mfa&lang=ru-KZ&category=Coal&q=%20уголь%20&since=2024-02-04&utm_source=x"));

        var query = Assert.IsType<FeedQuery>(result.Query);
        Assert.Equal(OutputFormat.Atom, query.Format);
        Assert.Equal(120, query.Limit);
        Assert.Equal(["mfa", "energy"], query.Sources);
        Assert.Equal("ru-KZ", query.Language);
        Assert.Equal("Coal", query.Category);
        Assert.Equal("уголь", query.Text);
        Assert.Equal(new DateTimeOffset(2024, 2, 4, 0, 0, 0, TimeSpan.Zero), query.Since);
        Assert.Equal(["format", "limit", "source", "lang", "category", "q", "since"], query.GivenParameters);
    }

    [Theory]
    [InlineData("2024-02-04T14:30:00+03:00", "2024-02-04T11:30:00Z")]
    [InlineData("2024-02-04T14:30:00Z", "2024-02-04T14:30:00Z")]
    [InlineData("2024-02-04T14:30", "2024-02-04T14:30:00Z")]
    [InlineData("2024-02-04T14:30:15.250-05:00", "2024-02-04T19:30:15.25Z")]
    public void Since_accepts_iso_8601_date_times(string value, string expectedUtc)
    {
        var query = FeedQuery.Parse([new("since", value)]).Query!;

        Assert.Equal(DateTimeOffset.Parse(expectedUtc), query.Since);
    }

    [Theory]
    [InlineData("application/atom+xml", OutputFormat.Atom)]
    [InlineData("application/feed+json", OutputFormat.Json)]
    [InlineData("application/json", OutputFormat.Json)]
    [InlineData("application/rss+xml, application/atom+xml;q=0.5", OutputFormat.Rss)]
    [InlineData("application/atom+xml;q=0.4, application/feed+json;q=0.9", OutputFormat.Json)]
    [InlineData(null, OutputFormat.Rss)]
    [InlineData("*/*", OutputFormat.Rss)]
    // Browsers navigating to the URL: the page.
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", OutputFormat.Html)]
    [InlineData("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7", OutputFormat.Html)]
    // feedparser (Python) and readers that name feed or XML types as high as HTML: a feed, never the page.
    [InlineData("application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1", OutputFormat.Atom)]
    [InlineData("application/rss+xml, application/rdf+xml;q=0.8, application/atom+xml;q=0.6, application/xml;q=0.4, text/xml;q=0.4, */*;q=0.2", OutputFormat.Rss)]
    [InlineData("text/html, application/rss+xml", OutputFormat.Rss)]
    [InlineData("text/xml, text/html", OutputFormat.Rss)]
    [InlineData("application/xml, text/html;q=0.9, */*;q=0.8", OutputFormat.Rss)]
    public void The_format_comes_from_accept_when_not_given(string? accept, OutputFormat expected)
    {
        Assert.Equal(expected, FeedQuery.Parse([], accept).Query!.Format);
    }

    [Fact]
    public void Format_html_asks_for_the_page_by_name() =>
        Assert.Equal(OutputFormat.Html, FeedQuery.Parse([new("format", "html")]).Query!.Format);

    [Fact]
    public void The_format_parameter_wins_over_accept()
    {
        Assert.Equal(OutputFormat.Rss, FeedQuery.Parse([new("format", "rss")], "application/atom+xml").Query!.Format);
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=-3", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=1e2", "limit")]
    [InlineData("source=", "source")]
    [InlineData("source=,,", "source")]
    [InlineData("source=mfa,../etc", "source")]
    [InlineData("lang=russian!", "lang")]
    [InlineData("lang=", "lang")]
    [InlineData("category=", "category")]
    [InlineData("q=%20%20", "q")]
    [InlineData("since=yesterday", "since")]
    [InlineData("since=2024-13-01", "since")]
    [InlineData("since=04.02.2024", "since")]
    [InlineData("limit=10&limit=20", "limit")]
    [InlineData("source=mfa&Source=energy", "source")]
    public void Invalid_values_give_a_problem_naming_the_parameter(string queryString, string parameter)
    {
        var result = FeedQuery.Parse(ParseQuery(queryString));

        Assert.Null(result.Query);
        var problem = Assert.IsType<FeedProcessor.Core.Publishing.Http.Problem>(result.Problem);
        Assert.Equal(400, problem.Status);
        Assert.Equal(parameter, problem.Parameter);

        var response = problem.ToResponse();
        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(parameter, json.RootElement.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("q")]
    [InlineData("source")]
    [InlineData("category")]
    [InlineData("since")]
    [InlineData("utm_campaign")]
    public void A_100_kb_value_is_rejected_or_ignored_quickly_without_echoing_it(string parameter)
    {
        var huge = new string('a', 100_000);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = FeedQuery.Parse([new(parameter, huge)]);

        // Work in proportion to the value (a few copies of 200 KB at most), not to its square.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 5_000_000, $"allocated {allocated:N0} bytes");
        if (parameter == "utm_campaign") Assert.True(result.IsValid);
        else Assert.True(result.Problem!.ToResponse().Body.Length < 1000);
    }

    [Fact]
    public void Thousands_of_unknown_parameters_are_ignored_in_linear_time()
    {
        var pairs = Enumerable.Range(0, 20_000).Select(i => KeyValuePair.Create($"x{i}", "1")).ToList();
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(FeedQuery.Parse(pairs).IsValid);
        // Linear: a bounded amount per parameter, never a copy of all the others per parameter.
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 20_000 * 2_000, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void The_cache_key_ignores_order_case_of_ids_and_unknown_parameters()
    {
        var a = FeedQuery.Parse(ParseQuery("source=MFA,energy&lang=ru&x=1")).Query!;
        var b = FeedQuery.Parse(ParseQuery("lang=ru&source=mfa,energy")).Query!;
        var c = FeedQuery.Parse(ParseQuery("lang=kk&source=mfa,energy")).Query!;

        Assert.Equal(a.CacheKey, b.CacheKey);
        Assert.NotEqual(a.CacheKey, c.CacheKey);
    }
}
