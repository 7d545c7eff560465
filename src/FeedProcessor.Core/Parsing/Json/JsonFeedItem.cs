namespace FeedProcessor.Core.Parsing.Json;

/// <summary>A JSON Feed 1.0/1.1 item; 1.0's single author and 1.1's authors both land in <see cref="Authors"/>.</summary>
internal sealed record JsonFeedItem
{
    public string? Id { get; init; }
    public string? Url { get; init; }
    public string? ExternalUrl { get; init; }
    public string? Title { get; init; }
    public string? ContentHtml { get; init; }
    public string? ContentText { get; init; }
    public string? Summary { get; init; }
    public string? Image { get; init; }
    public string? BannerImage { get; init; }
    public string? DatePublished { get; init; }
    public string? DateModified { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Language { get; init; }
}
