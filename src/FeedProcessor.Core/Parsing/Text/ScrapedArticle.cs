namespace FeedProcessor.Core.Parsing.Text;

/// <summary>A scraped article in plain text: "date YYYY-MM-DD &lt;page title&gt;" on the first line, then paragraphs.</summary>
internal sealed record ScrapedArticle(string Date, string PageTitle, IReadOnlyList<string> Paragraphs);
