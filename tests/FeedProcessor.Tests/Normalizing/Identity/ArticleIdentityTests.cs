using FeedProcessor.Core.Normalizing.Identity;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Normalizing.Identity;

public class ArticleIdentityTests
{
    [Fact]
    public void Id_is_stable_and_depends_on_source_and_guid()
    {
        var entry = new ParsedEntry { Guid = "urn:news:1", Link = "https://a.gov/1", Title = "T" };
        var id = ArticleIdentity.Compute("src", entry);
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(id, ArticleIdentity.Compute("src", new ParsedEntry { Guid = " urn:news:1 ", Link = "https://a.gov/other" }));
        Assert.NotEqual(id, ArticleIdentity.Compute("other-src", entry));
        Assert.NotEqual(id, ArticleIdentity.Compute("src", new ParsedEntry { Guid = "urn:news:2" }));
    }

    [Fact]
    public void Without_guid_the_canonical_url_identifies_the_item()
    {
        var a = ArticleIdentity.Compute("src", new ParsedEntry { Link = "https://A.gov/1?utm_source=x#top", Title = "One" });
        var b = ArticleIdentity.Compute("src", new ParsedEntry { Link = "https://a.gov/1", Title = "Changed title" });
        Assert.Equal(a, b);
    }

    [Fact]
    public void Without_guid_or_url_title_date_and_content_identify_the_item()
    {
        var entry = new ParsedEntry { Title = "T", Published = "2024-02-04", ContentHtml = "<p>x</p>" };
        var id = ArticleIdentity.Compute("src", entry);
        Assert.Equal(id, ArticleIdentity.Compute("src", new ParsedEntry { Title = "T", Published = "2024-02-04", ContentHtml = "<p>x</p>" }));
        Assert.NotEqual(id, ArticleIdentity.Compute("src", new ParsedEntry { Title = "T", Published = "2024-02-04", ContentHtml = "<p>y</p>" }));
    }

    [Fact]
    public void Guids_repeated_for_different_items_are_dropped()
    {
        var entries = new List<ParsedEntry>
        {
            new() { Guid = "same", Link = "https://a.gov/1", Title = "One" },
            new() { Guid = "same", Link = "https://a.gov/2", Title = "Two" },
            new() { Guid = "unique", Link = "https://a.gov/3", Title = "Three" },
            new() { Guid = "dup", Link = "https://a.gov/4", Title = "Four" },
            new() { Guid = "dup", Link = "https://a.gov/4", Title = "Four" },
        };
        ArticleIdentity.DropRepeatedGuids(entries);
        Assert.Equal([null, null, "unique", "dup", "dup"], entries.Select(e => e.Guid));
        Assert.NotEqual(ArticleIdentity.Compute("src", entries[0]), ArticleIdentity.Compute("src", entries[1]));
    }

    /// <summary>Ids and content hashes are stored: these values were computed by earlier versions and must never change.</summary>
    [Fact]
    public void Hash_values_are_stable()
    {
        Assert.Equal("4c05bdf2efc2bd2d", Hashes.Short("guid", "src", "gov-1"));
        Assert.Equal("cd81e41ba6787bde", Hashes.Short("content", "src", null, "Министр провёл встречу \ud800 x", "é"));
    }
}
