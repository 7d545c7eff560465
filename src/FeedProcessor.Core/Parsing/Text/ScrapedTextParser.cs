using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Parsing.Text;

/// <summary>
/// The plain-text scraped format: the first line (leading whitespace allowed) is "date YYYY-MM-DD page title",
/// then the body, whose paragraphs are separated by one or more blank lines.
/// </summary>
internal static partial class ScrapedTextParser
{
    /// <summary>True when the text's first line has the scraped format's shape.</summary>
    public static bool Detect(ReadOnlySpan<char> text)
    {
        var newline = text.IndexOfAny('\r', '\n');
        var firstLine = newline < 0 ? text : text[..newline];
        return FirstLine().IsMatch(firstLine);
    }

    public static ScrapedArticle Parse(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var header = FirstLine().Match(lines[0]);
        if (!header.Success) throw new FeedParseException("not a scraped article: the first line is not \"date YYYY-MM-DD title\"");
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }
            current.Add(line.TrimEnd());
        }
        Flush();
        return new ScrapedArticle(header.Groups["date"].Value, header.Groups["title"].Value.Trim(), paragraphs);

        void Flush()
        {
            if (current.Count == 0) return;
            paragraphs.Add(string.Join("\n", current).Trim());
            current.Clear();
        }
    }

    [GeneratedRegex(@"^\s*date (?<date>\d{4}-\d{2}-\d{2})(?:[ \t]+(?<title>.*))?$")]
    private static partial Regex FirstLine();
}
