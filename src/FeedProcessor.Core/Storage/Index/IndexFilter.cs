namespace FeedProcessor.Core.Storage.Index;

/// <summary>Which entries a feed asks for; every part is optional and they combine with AND.</summary>
public sealed record IndexFilter
{
    /// <summary>Source ids, lower-case; empty means every source.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>BCP 47; a primary tag matches its subtags ("ru" matches "ru-KZ").</summary>
    public string? Language { get; init; }
    /// <summary>Compared case-insensitively with each category.</summary>
    public string? Category { get; init; }
    /// <summary>Case-insensitive text searched in the title and the text.</summary>
    public string? Text { get; init; }
    /// <summary>Only entries that sort at or after this time (the subscriber's <c>since=</c>, or the retention horizon).</summary>
    public DateTimeOffset? Since { get; init; }

    public static IndexFilter All { get; } = new();

    public bool Matches(IndexEntry entry)
    {
        if (Sources.Count > 0 && !Sources.Contains(entry.SourceId, StringComparer.OrdinalIgnoreCase)) return false;
        if (Language is { } language && !LanguageMatches(entry.Language, language)) return false;
        if (Category is { } category && !entry.Categories.Any(c => string.Equals(c.Trim(), category.Trim(), StringComparison.OrdinalIgnoreCase))) return false;
        if (Text is { } text && !entry.Title.Contains(text, StringComparison.OrdinalIgnoreCase) && !entry.Text.Contains(text, StringComparison.OrdinalIgnoreCase))
            return false;
        if (Since is { } since && entry.SortTime < since) return false;
        return true;
    }

    /// <summary>"ru" matches "ru" and "ru-KZ"; "ru-KZ" matches only itself.</summary>
    public static bool LanguageMatches(string? articleLanguage, string wanted) =>
        articleLanguage is not null &&
        (articleLanguage.Equals(wanted, StringComparison.OrdinalIgnoreCase) ||
         (articleLanguage.Length > wanted.Length && articleLanguage[wanted.Length] == '-' &&
          articleLanguage.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The primary subtag, lower-case: the part an index partitions languages by.</summary>
    public static string PrimaryLanguage(string language)
    {
        var dash = language.IndexOf('-');
        return (dash < 0 ? language : language[..dash]).ToLowerInvariant();
    }
}
