using FeedProcessor.Core.Sources;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.SourceFiles;

public sealed class SourceListTests
{
    [Fact]
    public void The_shipped_sources_are_valid_official_https_feeds()
    {
        var sources = SourceList.Load(RepoPaths.Combine("seeds", "sources.json"));
        Assert.True(sources.Count >= 6, "at least six real government sources");
        Assert.All(sources, s => Assert.Equal("https", s.Url.Scheme));
        Assert.Contains(sources, s => s.Url.Host.EndsWith("primeminister.kz", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.Kind == SourceKind.Html && s.Html is not null);
        Assert.Equal(sources.Count, sources.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Fields_are_read()
    {
        var sources = SourceList.Parse("""
            {"sources": [{"id": "mfa-kz", "title": "MFA", "url": "https://www.gov.kz/rss", "kind": "RSS", "language": "ru-KZ", "timeZone": "Asia/Almaty"}]}
            """);
        var source = Assert.Single(sources);
        Assert.Equal("mfa-kz", source.Id);
        Assert.Equal(SourceKind.Rss, source.Kind);
        Assert.Equal("ru-KZ", source.Language);
        Assert.Equal("Asia/Almaty", source.TimeZone);
    }

    [Fact]
    public void Defaults_are_auto_and_utc()
    {
        var source = Assert.Single(SourceList.Parse("""{"sources": [{"id": "a", "title": "A", "url": "https://a.example/feed"}]}"""));
        Assert.Equal(SourceKind.Auto, source.Kind);
        Assert.Equal("UTC", source.TimeZone);
        Assert.Null(source.Language);
    }

    [Theory]
    [InlineData("""{"sources": [{"id": "a", "title": "A", "url": "ftp://a.example/feed"}]}""", "source #1 (\"a\"): field \"url\"")]
    [InlineData("""{"sources": [{"id": "a", "title": "A", "url": "/relative"}]}""", "field \"url\"")]
    [InlineData("""{"sources": [{"title": "A", "url": "https://a.example/"}]}""", "source #1: field \"id\" is missing")]
    [InlineData("""{"sources": [{"id": "Bad Id", "title": "A", "url": "https://a.example/"}]}""", "field \"id\"")]
    [InlineData("""{"sources": [{"id": "a", "url": "https://a.example/"}]}""", "source #1 (\"a\"): field \"title\"")]
    [InlineData("""{"sources": [{"id": "a", "title": "A", "url": "https://a.example/", "kind": "podcast"}]}""", "field \"kind\"")]
    [InlineData("""{"sources": [{"id": "a", "title": "A", "url": "https://a.example/", "timeZone": "Mars/Olympus"}]}""", "field \"timeZone\"")]
    [InlineData("""{"sources": [{"id": "a", "title": "A", "url": "https://a.example/", "language": "english please"}]}""", "field \"language\"")]
    [InlineData("""{"sources": [{"id": "a", "title": "A", "url": "https://a.example/", "kind": "html"}]}""", "field \"html\"")]
    [InlineData("""{"sources": [{"id": "a", "title": "A", "url": "https://a.example/"}, {"id": "a", "title": "B", "url": "https://b.example/"}]}""", "source #2 (\"a\"): field \"id\" repeats")]
    [InlineData("""{"feeds": []}""", "\"sources\" array")]
    [InlineData("""{"sources": [""", "not valid JSON")]
    public void Invalid_files_name_the_source_and_the_field(string json, string expected)
    {
        var error = Assert.Throws<SourceListException>(() => SourceList.Parse(json, "my-sources.json"));
        Assert.Contains("my-sources.json", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var error = Assert.Throws<SourceListException>(() => SourceList.Load("/nonexistent/sources.json"));
        Assert.Contains("/nonexistent/sources.json", error.Message);
    }
}
