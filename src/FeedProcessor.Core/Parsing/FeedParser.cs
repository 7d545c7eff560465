using System.Xml;
using FeedProcessor.Core.Parsing.Atom;
using FeedProcessor.Core.Parsing.Html;
using FeedProcessor.Core.Parsing.Json;
using FeedProcessor.Core.Parsing.Rdf;
using FeedProcessor.Core.Parsing.Rss;
using FeedProcessor.Core.Parsing.Text;
using FeedProcessor.Core.Parsing.Xml;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Core.Parsing;

/// <summary>Entry point of the parsing stage: detects the format from the content and reads it.</summary>
public static class FeedParser
{
    /// <summary>Reads a whole document. Throws <see cref="FeedParseException"/> when nothing readable is there.</summary>
    public static ParsedFeed Parse(ReadOnlyMemory<byte> content, ParseOptions options)
    {
        var feed = new ParsedFeed();
        Read(DocumentInput.FromMemory(content), options, feed, feed.Entries.Add);
        return feed;
    }

    /// <summary>
    /// Reads a document of any size: each entry goes to <paramref name="onEntry"/> as soon as it is read and is not
    /// kept, so the result holds the feed's metadata and warnings only. A broken document is re-read liberally,
    /// which needs a seekable stream; entries delivered before the break are not delivered twice.
    /// </summary>
    public static ParsedFeed Parse(Stream stream, ParseOptions options, Action<ParsedEntry> onEntry)
    {
        var feed = new ParsedFeed();
        Parse(stream, options, feed, onEntry);
        return feed;
    }

    /// <summary>
    /// As <see cref="Parse(Stream, ParseOptions, Action{ParsedEntry})"/>, filling <paramref name="feed"/> as the
    /// document is read, so that <paramref name="onEntry"/> already sees the metadata written before the entries
    /// (title, link, language, format), as a normalizer needs.
    /// </summary>
    public static void Parse(Stream stream, ParseOptions options, ParsedFeed feed, Action<ParsedEntry> onEntry)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(onEntry);
        Read(DocumentInput.FromStream(stream), options, feed, onEntry);
    }

    private static void Read(DocumentInput input, ParseOptions options, ParsedFeed feed, Action<ParsedEntry> onEntry)
    {
        if (input.IsEmpty) throw new FeedParseException("empty document: the response had no content");
        input.DetectEncoding(options.ContentType, feed.Warnings);
        var head = input.Head().TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.Length == 0) throw new FeedParseException("empty document: it contains only whitespace");

        switch (DocumentSniffer.Sniff(head, options.Kind))
        {
            case DocumentShape.Json:
                JsonFeedParser.Parse(input.ReadAllText(), options, feed, onEntry);
                return;
            case DocumentShape.ScrapedText:
                feed.Format = FeedFormats.Text;
                var entry = ScrapedTextAdapter.ToEntry(ScrapedTextParser.Parse(input.ReadAllText().TrimStart('\uFEFF')));
                feed.Title = entry.Site ?? entry.Title; // the page title belongs to the article; the feed is the site
                onEntry(entry);
                return;
            case DocumentShape.Html:
                ReadHtml(input.ReadAllText(), options, feed, onEntry);
                return;
            case DocumentShape.Xml:
                ReadXml(input, options, feed, onEntry);
                return;
            default:
                // Quoting the start of a binary file (a program, an image) would print control characters.
                throw new FeedParseException(LooksBinary(head)
                    ? "not a feed: binary data (a program, an image or an archive), not text"
                    : "not a feed: the document is neither XML, JSON Feed, HTML nor the scraped text format "
                      + $"(it starts with \"{Excerpt(head)}\")");
        }
    }

    private static void ReadHtml(string html, ParseOptions options, ParsedFeed feed, Action<ParsedEntry> onEntry)
    {
        if (options.Kind != SourceKind.Html)
        {
            var advertised = DocumentSniffer.AdvertisedFeed(html);
            throw new FeedParseException("not a feed: this is an HTML page, not a feed; use kind \"html\" with selectors for its article links"
                + (advertised is null ? "" : $", or poll the feed the page advertises: {advertised}"));
        }
        feed.Format = FeedFormats.Html;
        // Without the page's address relative URLs cannot be resolved: read against a placeholder, then drop what came from it.
        var placeholder = new Uri("http://document.invalid/");
        var article = HtmlArticlePage.Parse(html, options.DocumentUrl ?? placeholder, options.Html);
        if (options.DocumentUrl is null)
        {
            if (article.Link?.StartsWith(placeholder.AbsoluteUri, StringComparison.Ordinal) == true) article.Link = article.Guid = null;
            article.Site = article.Link is null ? null : new Uri(article.Link).Host;
            if (article.ImageUrl?.StartsWith(placeholder.AbsoluteUri, StringComparison.Ordinal) == true) article.ImageUrl = null;
        }
        // The page's title is the article's; the feed is the site (its own name would otherwise read as the site's name and be dropped).
        feed.Title = article.Site;
        feed.Link = options.DocumentUrl?.AbsoluteUri;
        feed.Language = article.Language;
        onEntry(article);
    }

    private static void ReadXml(DocumentInput input, ParseOptions options, ParsedFeed feed, Action<ParsedEntry> onEntry)
    {
        var documentContext = new XmlContext(options.DocumentUrl, null);
        var delivered = 0;
        string brokenAt;
        try
        {
            using var text = input.OpenText();
            using var reader = XmlFeedReader.Open(text);
            var walker = StartXml(reader, options, feed, onEntry, skipEntries: 0)
                ?? throw new FeedParseException("not a feed: the document has no XML element");
            try
            {
                walker.Read(reader, documentContext);
                return;
            }
            finally
            {
                delivered = walker.EntriesRead;
            }
        }
        catch (XmlException e)
        {
            brokenAt = $"line {e.LineNumber}, position {e.LinePosition}: {e.Message}";
        }

        if (!input.CanReread)
        {
            feed.Warnings.Add($"the XML breaks at {brokenAt}; kept the {delivered} entries before it (the stream cannot be re-read to repair it)");
            return;
        }
        feed.Warnings.Add($"the XML is not well-formed ({brokenAt}); read it with the liberal parser");
        using var repaired = new LiberalXmlReader(input.OpenText());
        try
        {
            using var reader = XmlFeedReader.Open(repaired);
            var walker = StartXml(reader, options, feed, onEntry, delivered)
                ?? throw new FeedParseException("not a feed: no XML element could be read from the document");
            walker.Read(reader, documentContext);
            // Repairs after the root's end (trailing junk) are counted only once the repaired text is read to its end.
            while (reader.Read()) { }
        }
        catch (XmlException e)
        {
            feed.Warnings.Add($"the repaired XML still breaks at line {e.LineNumber}: {e.Message}; kept the entries before it");
        }
        feed.Warnings.AddRange(repaired.Warnings);
    }

    /// <summary>Moves to the root element and picks the format from it; null when the document has no element.</summary>
    private static XmlFeedReader? StartXml(XmlReader reader, ParseOptions options, ParsedFeed feed, Action<ParsedEntry> onEntry, int skipEntries)
    {
        if (reader.MoveToContent() != XmlNodeType.Element) return null;
        var (format, name) = XmlFormats.ForRoot(reader);
        feed.Format = name;
        return XmlFeedReader.Create(format, feed, onEntry, skipEntries);
    }

    private static bool LooksBinary(string head) =>
        head.AsSpan(0, Math.Min(head.Length, 512)).IndexOfAnyInRange('\u0000', '\u0008') >= 0;

    private static string Excerpt(string head)
    {
        var line = head.Split('\n', 2)[0].Trim();
        return line.Length > 60 ? line[..60] + "…" : line;
    }
}
