namespace FeedProcessor.Core.Sources;

/// <summary>What a source's URL serves. <see cref="Auto"/> lets the parser detect the format from the content.</summary>
public enum SourceKind
{
    Auto,
    Rss,
    Atom,
    Rdf,
    Json,
    Html,
}
