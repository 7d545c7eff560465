using FeedProcessor.Core.Normalizing;

namespace FeedProcessor.Core.Publishing.Selection;

/// <summary>The articles of one response, newest first, with the title that says what they are.</summary>
public sealed record FeedSelection(string Title, IReadOnlyList<Article> Items)
{
    /// <summary>Where the next page starts; null on the last page.</summary>
    public Storage.Index.IndexPosition? Next { get; init; }

    /// <summary>The language every item shares, or null when they differ, some item has none or it is not a BCP 47 tag.</summary>
    public string? CommonLanguage
    {
        get
        {
            string? common = null;
            foreach (var item in Items)
            {
                if (!LanguageTags.IsWellFormed(item.Language)) return null;
                if (common is null) common = item.Language;
                else if (!string.Equals(common, item.Language, StringComparison.OrdinalIgnoreCase)) return null;
            }
            return common;
        }
    }
}
