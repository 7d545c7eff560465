using FeedProcessor.Core.Parsing.Extensions;

namespace FeedProcessor.Core.Parsing.Atom;

/// <summary>An Atom 1.0 or 0.3 &lt;entry&gt;; 0.3's issued/modified are read into Published/Updated.</summary>
internal sealed record AtomEntry
{
    public string? Id { get; init; }
    public AtomText? Title { get; init; }
    public IReadOnlyList<AtomLink> Links { get; init; } = [];
    public string? Published { get; init; }
    public string? Updated { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public AtomText? Summary { get; init; }
    public AtomText? Content { get; init; }
    public string? Language { get; init; }
    /// <summary>The xml:base declared in scope of the content (else the summary), if any.</summary>
    public string? ContentBaseUrl { get; init; }
    public required DublinCore DublinCore { get; init; }
    public required MediaRss Media { get; init; }
}

/// <summary>An Atom link with its href already resolved against xml:base.</summary>
internal sealed record AtomLink(string Href, string Rel, string? Type);

/// <summary>An Atom text construct: <see cref="IsHtml"/> when the value is markup (type html or xhtml).</summary>
internal sealed record AtomText(string Value, bool IsHtml);
