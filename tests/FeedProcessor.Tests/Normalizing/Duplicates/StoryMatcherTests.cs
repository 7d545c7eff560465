using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Normalizing.Duplicates;

namespace FeedProcessor.Tests.Normalizing.Duplicates;

public class StoryMatcherTests
{
    private static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Normalizing", "Duplicates", "testdata", name));

    private static Article Article(string title, string text, string? url = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"), SourceId = "s", SourceTitle = "S", Title = title, Url = url,
        ContentText = text, SimHash = SimHash.Compute(text),
    };

    [Theory]
    [InlineData("release-other-header.txt")]
    [InlineData("release-changed-sentence.txt")]
    public void The_same_release_republished_matches(string variant)
    {
        var distance = SimHash.Distance(SimHash.Compute(Text("release.txt")), SimHash.Compute(Text(variant)));
        Assert.InRange(distance, 0, StoryMatcher.MaxSimHashDistance);
        Assert.True(StoryMatcher.IsSameStory(Article("Heating season", Text("release.txt")), Article("Preparation for winter", Text(variant))));
    }

    [Theory]
    [InlineData("template-other-facts.txt")]
    [InlineData("unrelated.txt")]
    public void Different_releases_are_far_apart_by_simhash(string other)
    {
        var distance = SimHash.Distance(SimHash.Compute(Text("release.txt")), SimHash.Compute(Text(other)));
        Assert.True(distance > StoryMatcher.MaxSimHashDistance + 4, $"distance {distance} leaves no margin");
    }

    [Theory]
    [InlineData("template-other-facts.txt")]
    [InlineData("template-other-region.txt")]
    [InlineData("unrelated.txt")]
    public void Different_releases_do_not_match_even_from_the_same_template(string other) =>
        Assert.False(StoryMatcher.IsSameStory(Article("Heating season", Text("release.txt")), Article("Tariffs", Text(other))));

    [Fact]
    public void Equal_specific_titles_match_across_sources()
    {
        var a = Article("Ministry of Energy held a meeting on the heating season", Text("release.txt"));
        var b = Article("Ministry of Energy held a meeting on the heating season!", Text("template-other-facts.txt"));
        Assert.True(StoryMatcher.IsSameStory(a, b));
    }

    [Fact]
    public void The_same_canonical_url_matches_whatever_the_text()
    {
        var a = Article("A", "short", "https://gov.kz/news/1?utm_source=x");
        var b = Article("B", "other", "https://GOV.kz/news/1#top");
        Assert.True(StoryMatcher.IsSameStory(a, b));
    }

    [Fact]
    public void Short_texts_are_not_matched_by_their_hash()
    {
        Assert.False(StoryMatcher.IsSameStory(Article("Photo report", "Photo report from the meeting"), Article("Photo report", "Photo report from the meeting")));
    }

    [Fact]
    public void SimHash_ignores_case_punctuation_and_markup_spacing()
    {
        Assert.Equal(SimHash.Compute("The Ministry, held a MEETING today!"), SimHash.Compute("the ministry held a meeting   today"));
        Assert.NotEqual(SimHash.Compute("the ministry held a meeting today"), SimHash.Compute("today a meeting held the ministry"));
        Assert.Equal(0UL, SimHash.Compute(""));
    }

    /// <summary>Stored articles keep their hash: a faster computation must give exactly the values earlier versions stored.</summary>
    [Theory]
    [InlineData("The Ministry held a meeting today on the national budget and the regional energy program.", 0xD3982F224F61F6CBUL)]
    [InlineData("Министр провёл встречу", 0x459EC9F5E5F7BFF4UL)]
    [InlineData("one two", 0x609005D408840010UL)]
    public void SimHash_values_are_stable(string text, ulong expected)
    {
        Assert.Equal(expected, SimHash.Compute(text));
    }

    [Fact]
    public void SimHash_of_a_long_text_is_stable()
    {
        var text = "Reform region meeting cooperation economy region meeting ministry energy official economy minister "
                   + string.Join(' ', Enumerable.Range(0, 500).Select(i => "w" + (i * 7919 % 1000)));
        Assert.Equal(0x32DB36B2D11DA6C0UL, SimHash.Compute(text));
    }
}
