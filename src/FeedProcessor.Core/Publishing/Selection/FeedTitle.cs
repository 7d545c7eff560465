using System.Globalization;
using FeedProcessor.Core.Publishing.Query;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Publishing.Selection;

/// <summary>
/// The title of a filtered feed says what it holds, so that a subscriber with several FeedProcessor feeds can
/// tell them apart in a reader: "FeedProcessor — Prime Minister of Kazakhstan, Ministry of Foreign Affairs · ru · "coal"".
/// </summary>
public static class FeedTitle
{
    public static string For(FeedQuery query, IReadOnlyList<SourceDefinition> sources, PublishingOptions options)
    {
        var parts = new List<string>();
        if (query.Sources.Count > 0)
            parts.Add(string.Join(", ", query.Sources.Select(id =>
                sources.FirstOrDefault(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase))?.Title ?? id)));
        if (query.Language is { } language) parts.Add(language);
        if (query.Category is { } category) parts.Add(category);
        if (query.Text is { } text) parts.Add($"\"{text}\"");
        if (query.Since is { } since)
            parts.Add("since " + since.ToString(since.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));

        return parts.Count == 0 ? options.FeedTitle : $"{options.FeedTitle} — {string.Join(" · ", parts)}";
    }
}
