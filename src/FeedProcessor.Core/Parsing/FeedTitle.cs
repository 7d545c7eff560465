using FeedProcessor.Core.Normalizing.Text;

namespace FeedProcessor.Core.Parsing;

/// <summary>The feed's own title as plain text: it names the source in `parse` output and in the merged feed, so no markup may reach it.</summary>
internal static class FeedTitle
{
    /// <summary>A title that may hold markup or entities (RSS, RDF, Atom type="html"): tags stripped, entities decoded once.</summary>
    public static string? FromMarkup(string? title) => PlainText.FromInlineHtml(title) is { Length: > 0 } plain ? plain : null;
}
