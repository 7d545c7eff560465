namespace FeedProcessor.Core.Parsing;

/// <summary>Entry point of the parsing stage: detects the format from the content and reads it.</summary>
public static class FeedParser
{
    /// <summary>Reads a whole document. Throws <see cref="FeedParseException"/> when nothing readable is there.</summary>
    public static ParsedFeed Parse(ReadOnlyMemory<byte> content, ParseOptions options)
        => throw new NotImplementedException("parsing stage not built yet");
}
