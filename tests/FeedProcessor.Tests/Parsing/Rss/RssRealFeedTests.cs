namespace FeedProcessor.Tests.Parsing.Rss;

/// <summary>What real RSS feeds carry beyond the core elements: escaped full text, Media RSS groups.</summary>
public class RssRealFeedTests
{
    [Fact]
    public void Escaped_yandex_full_text_is_read_as_HTML()
    {
        var line = ParsingTestData.ParseLine("Rss", "yandex_fulltext_1251.xml");
        var article = line.Articles()[0];
        var text = article.Str("contentText")!;
        var html = article.Str("contentHtml")!;

        Assert.Contains("поручил подготовить", text.Replace('\u00A0', ' '));
        Assert.Contains("«Безопасный паводок»", text);
        Assert.Contains("План мероприятий", text);
        foreach (var literal in new[] { "<br", "&nbsp;", "&laquo;", "<noindex", "<p>" }) Assert.DoesNotContain(literal, text);
        Assert.DoesNotContain("&lt;", html);
        Assert.Contains("href=\"https://vologda-oblast.example.ru/docs/plan.pdf\"", html);
        Assert.Equal("Совещание прошло в режиме видеоконференции.\nГлава региона поручил подготовить пункты временного размещения.",
            text.Split("\n\n")[0].Replace('\u00A0', ' '));
    }

    [Fact]
    public void Plain_yandex_full_text_keeps_its_lines_as_paragraphs()
    {
        var article = ParsingTestData.ParseLine("Rss", "yandex_fulltext_1251.xml").Articles()[1];
        Assert.Equal("Приём заявок продлится до 1 июня.\n\nПодать заявку можно на портале госуслуг.", article.Str("contentText"));
    }

    [Fact]
    public void A_thumbnail_inside_media_group_content_is_the_image()
    {
        var article = ParsingTestData.ParseLine("Rss", "media_groups.xml").Articles()[0];
        Assert.Equal("https://www.nasa.example.gov/images/artemis-ii-training-still.jpg", article.Str("imageUrl"));
    }

    [Fact]
    public void Media_description_and_media_text_are_the_body_when_there_is_no_other()
    {
        var articles = ParsingTestData.ParseLine("Rss", "media_groups.xml").Articles();
        Assert.Equal("Totality as seen from Dallas; the corona is visible & so are two prominences.", articles[1].Str("contentText"));
        Assert.Equal("https://www.nasa.example.gov/images/eclipse-texas.jpg", articles[1].Str("imageUrl"));
        Assert.Equal("Flight directors explained the two spacewalks planned for May.", articles[2].Str("contentText"));
        Assert.Contains("<b>two spacewalks</b>", articles[2].Str("contentHtml"));
        Assert.Equal(articles[2].Str("contentText"), articles[2].Str("summary"));
    }
}
