using System.Xml;
using System.Xml.Xsl;
using FeedProcessor.Core.Publishing.Pages;
using static FeedProcessor.Tests.Publishing.FeedRendering;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Pages;

public sealed class FeedStylesheetTests
{
    internal static string Transform(string rss)
    {
        var xslt = new XslCompiledTransform();
        using (var stylesheet = XmlReader.Create(new StringReader(FeedStylesheet.Xslt))) xslt.Load(stylesheet);
        using var feed = XmlReader.Create(new StringReader(rss));
        using var html = new StringWriter();
        xslt.Transform(feed, null, html);
        return html.ToString();
    }

    [Fact]
    public void Turns_the_rendered_rss_into_html_with_every_item_and_the_subscribe_url()
    {
        var html = Transform(Render("lang=ru"));

        Assert.Contains("<html lang=\"ru\">", html);
        Assert.Contains(">Правительство обсудило развитие угольной отрасли</a>", html);
        Assert.Contains(">Глава МИД провел встречу с послом Японии</a>", html);
        Assert.Contains("<code>https://news.example.kz/api/feed?lang=ru</code>", html);
        Assert.Contains("Subscribe", html);
        Assert.DoesNotContain("<script", html);
        var parsed = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal(2, parsed.QuerySelectorAll("main article").Length);
    }

    [Fact]
    public void Is_served_as_xsl_with_caching()
    {
        var response = FeedStylesheet.Handle(Request(route: "feed.xsl"));
        var again = FeedStylesheet.Handle(Request(route: "feed.xsl", headers: new() { ["If-None-Match"] = response.Headers["ETag"] }));

        Assert.Equal("text/xsl; charset=utf-8", response.ContentType);
        Assert.StartsWith("<?xml", System.Text.Encoding.UTF8.GetString(response.Body.Span));
        Assert.Equal(304, again.Status);
    }
}
