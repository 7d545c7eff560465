namespace FeedProcessor.Core.Parsing;

/// <summary>
/// One item as the feed gave it, mapped from the format's own model by that format's adapter.
/// Strings are decoded text (XML entities resolved once); HTML fields hold markup that is not yet sanitized.
/// URLs are already resolved against xml:base / the document URL where the format allows.
/// </summary>
public sealed class ParsedEntry
{
    public string? Guid { get; set; }
    /// <summary>RSS guid isPermaLink; null where the format has no such notion.</summary>
    public bool? GuidIsPermaLink { get; set; }
    /// <summary>The title; may contain HTML markup (Atom type="html", sloppy RSS) that normalizing strips.</summary>
    public string? Title { get; set; }
    /// <summary>
    /// The title is plain text by its format's rules (Atom type="text", JSON Feed): a "&lt;" in it is a character, not
    /// the start of a tag, so "History of the &lt;blink&gt; tag" keeps every word.
    /// </summary>
    public bool TitleIsPlainText { get; set; }
    public string? Link { get; set; }
    /// <summary>Published date exactly as written in the source; parsed during normalizing with the source's time zone.</summary>
    public string? Published { get; set; }
    public string? Updated { get; set; }
    public string? Author { get; set; }
    public string? Language { get; set; }
    public List<string> Categories { get; set; } = [];
    /// <summary>Short description (RSS description, Atom summary); HTML or plain text.</summary>
    public string? SummaryHtml { get; set; }
    /// <summary>Full content (content:encoded, Atom content, JSON content_html); HTML.</summary>
    public string? ContentHtml { get; set; }
    /// <summary>
    /// The xml:base in scope of the content (or, without content, of the summary), when the document declares one:
    /// relative URLs in the HTML resolve against it (RFC 4287 §2), not against the entry's link.
    /// </summary>
    public string? ContentBaseUrl { get; set; }
    /// <summary>Lead image: enclosure, media:content/thumbnail, itunes:image, JSON image.</summary>
    public string? ImageUrl { get; set; }
    /// <summary>The site the entry came from, when the format records it (the seed's scraped text does).</summary>
    public string? Site { get; set; }
}
