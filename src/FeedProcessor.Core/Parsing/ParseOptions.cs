using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Parsing;

/// <summary>What the parser knows about a document besides its bytes.</summary>
public sealed record ParseOptions
{
    /// <summary>The HTTP Content-Type, charset included; its charset ranks after a BOM and before the XML declaration.</summary>
    public string? ContentType { get; init; }
    /// <summary>Where the document came from: the base for relative URLs.</summary>
    public Uri? DocumentUrl { get; init; }
    /// <summary>The source's declared kind; <see cref="SourceKind.Auto"/> detects from the content.</summary>
    public SourceKind Kind { get; init; } = SourceKind.Auto;
    /// <summary>For an article page of an <see cref="SourceKind.Html"/> source: where its title, date and text are.</summary>
    public HtmlSelectors? Html { get; init; }
}
