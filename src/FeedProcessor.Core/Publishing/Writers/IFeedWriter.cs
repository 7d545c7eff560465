namespace FeedProcessor.Core.Publishing.Writers;

/// <summary>Renders a <see cref="FeedDocument"/> in one format, streaming into <paramref name="output"/>.</summary>
public interface IFeedWriter
{
    string ContentType { get; }
    void Write(FeedDocument document, Stream output);
}
