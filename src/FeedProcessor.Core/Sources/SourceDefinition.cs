namespace FeedProcessor.Core.Sources;

/// <summary>One entry of the sources file: a publisher and the feed (or list page) to poll.</summary>
public sealed record SourceDefinition
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required Uri Url { get; init; }
    public SourceKind Kind { get; init; } = SourceKind.Auto;

    /// <summary>BCP 47 language of the source's articles when the feed does not say.</summary>
    public string? Language { get; init; }

    /// <summary>IANA zone used for dates that carry no offset.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>For <see cref="SourceKind.Html"/> sources: how to find articles on the list page.</summary>
    public HtmlSelectors? Html { get; init; }
}

/// <summary>CSS selectors for a site without a feed: links to articles on the list page, optionally title and date.</summary>
public sealed record HtmlSelectors
{
    public required string ItemLinks { get; init; }
    public string? Title { get; init; }
    public string? Date { get; init; }
    public string? Content { get; init; }
}
