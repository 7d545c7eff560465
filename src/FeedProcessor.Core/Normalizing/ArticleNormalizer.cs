using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Core.Normalizing;

/// <summary>Entry point of the normalizing stage: one parsed entry in, one clean article out.</summary>
public sealed class ArticleNormalizer
{
    /// <summary>One instance serves the whole process: the sanitizer it holds is expensive to configure.</summary>
    public static ArticleNormalizer Shared { get; } = new();

    public Article Normalize(ParsedEntry entry, NormalizeContext context, ICollection<string>? warnings = null)
        => throw new NotImplementedException("normalizing stage not built yet");
}
