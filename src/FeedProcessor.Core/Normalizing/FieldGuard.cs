namespace FeedProcessor.Core.Normalizing;

/// <summary>
/// Runs each field reader of one item behind its own guard: a reader that throws (a date parser meeting
/// <c>+00:zz</c>, a URL no URI accepts, a sanitizer bug) costs that field only. The field gets no value and a warning
/// says which one and why; the item and all its other fields are kept.
/// </summary>
internal sealed class FieldGuard(Action<string> warn, Action<string>? beforeRead = null)
{
    /// <summary>The fields read behind a guard, in the order <see cref="ArticleNormalizer"/> reads them.</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["link", "content", "summary", "published", "updated", "site", "title", "author", "language", "categories", "image"];

    public T Read<T>(string field, T noValue, Func<T> read)
    {
        try
        {
            beforeRead?.Invoke(field);
            return read();
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            warn($"{field} could not be read and was left empty ({exception.GetType().Name}: {exception.Message})");
            return noValue;
        }
    }
}
