using System.CommandLine;
using System.Text.Json;
using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Cli.Commands;

/// <summary>
/// `feedproc parse PATH...`: parses and normalizes local files (or every feed file under a folder) with no storage,
/// printing one NDJSON line per file. A file that cannot be read gets `ok:false` and a reason; the rest go on.
/// </summary>
internal static class ParseCommand
{
    /// <summary>Articles are written to stdout in chunks of about this size, not held until the file ends.</summary>
    private const int FlushThreshold = 64 * 1024;

    private static readonly HashSet<string> FeedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".xml", ".rss", ".rdf", ".atom", ".feed", ".json", ".txt", ".html", ".htm",
    };

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, or folders searched recursively for feed files.", Arity = ArgumentArity.ZeroOrMore };
        var sourceId = new Option<string>("--source-id") { Description = "Source id recorded on the articles.", DefaultValueFactory = _ => "local" };
        var timeZone = new Option<string>("--time-zone") { Description = "IANA zone for dates without an offset.", DefaultValueFactory = _ => "UTC" };
        var kind = new Option<string>("--kind") { Description = "What the files are: auto (detect), rss, atom, rdf, json, or html for saved article pages.", DefaultValueFactory = _ => "auto" };
        var selectors = new Option<string?>("--selectors") { Description = "For --kind html: CSS selectors as a source's \"html\" field, e.g. {\"title\":\"h1\",\"date\":\".date\",\"content\":\"article\"}." };
        var command = new Command("parse", "Parse and normalize local feed files (or, with --kind html, saved article pages); print one NDJSON line per file. Exit code 0, or 1 when a folder held no feed files.") { paths, sourceId, timeZone, kind, selectors };
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(paths) is not { Length: > 0 })
            {
                Console.Error.WriteLine("feedproc: parse needs a file or folder, e.g. feedproc parse seeds/000_9741add505b7cea5.txt");
                return ExitCodes.Usage;
            }
            if (!TimeZones.IsKnown(parseResult.GetValue(timeZone)!))
            {
                Console.Error.WriteLine($"feedproc: --time-zone: unknown IANA time zone \"{parseResult.GetValue(timeZone)}\".");
                return ExitCodes.Usage;
            }
            if (parseResult.GetValue(paths)!.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal)) is { } unknown)
            {
                // An unknown option would otherwise be taken for a file name; a file named so can be given as ./--name.
                Console.Error.WriteLine($"feedproc: unknown option {unknown} for parse. Run `feedproc parse --help`.");
                return ExitCodes.Usage;
            }
            if (!Enum.TryParse<SourceKind>(parseResult.GetValue(kind), ignoreCase: true, out var sourceKind) || int.TryParse(parseResult.GetValue(kind), out _))
            {
                Console.Error.WriteLine($"feedproc: --kind must be one of auto, rss, atom, rdf, json, html, not \"{parseResult.GetValue(kind)}\".");
                return ExitCodes.Usage;
            }
            if (!TryReadSelectors(parseResult.GetValue(selectors), out var htmlSelectors, out var selectorsError))
            {
                Console.Error.WriteLine($"feedproc: --selectors: {selectorsError}");
                return ExitCodes.Usage;
            }
            var options = new ParseOptions { Kind = sourceKind, Html = htmlSelectors };
            var zone = TimeZones.Find(parseResult.GetValue(timeZone));
            var id = parseResult.GetValue(sourceId)!;
            using var output = Console.OpenStandardOutput();
            var emptyFolders = new List<string>();
            foreach (var file in ExpandPaths(parseResult.GetValue(paths)!, emptyFolders))
            {
                WriteLine(file, id, zone, output, options);
                output.Flush();
            }
            // A folder with nothing to parse is almost always a wrong path: say so, and fail, after the other inputs.
            foreach (var folder in emptyFolders)
                Console.Error.WriteLine($"feedproc: no feed files ({string.Join(" ", FeedExtensions.Order(StringComparer.Ordinal))}) under {folder}.");
            return emptyFolders.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>The selectors of a source's "html" field, as JSON; the list-page selector (itemLinks) has no use here.</summary>
    private static bool TryReadSelectors(string? json, out HtmlSelectors? selectors, out string? error)
    {
        selectors = null;
        error = null;
        if (string.IsNullOrWhiteSpace(json)) return true;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
            string? Field(string name) =>
                document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            selectors = new HtmlSelectors { ItemLinks = Field("itemLinks") ?? "", Title = Field("title"), Date = Field("date"), Content = Field("content") };
            return true;
        }
        catch (JsonException)
        {
            error = "expected a JSON object such as {\"title\":\"h1\",\"date\":\"time\",\"content\":\"article\"}.";
            return false;
        }
    }

    /// <summary>The files to parse, in a stable order; a path that does not exist still gets its line.</summary>
    private static IEnumerable<string> ExpandPaths(IEnumerable<string> paths, List<string> emptyFolders)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = false;
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(f => FeedExtensions.Contains(Path.GetExtension(f)))
                             .Order(StringComparer.Ordinal))
                {
                    found = true;
                    yield return Path.GetFullPath(file);
                }
                if (!found) emptyFolders.Add(Path.GetFullPath(path));
            }
            else
            {
                yield return Path.GetFullPath(path);
            }
        }
    }

    /// <summary>
    /// Parses one file and writes its NDJSON line while reading it: each article is written as soon as it is
    /// normalized, so neither the document nor its articles are ever held whole. The line is valid JSON whatever
    /// happens: a file that breaks midway keeps the articles written before the break and gets `ok:false`.
    /// </summary>
    internal static void WriteLine(string path, string sourceId, TimeZoneInfo zone, Stream output, ParseOptions? options = null)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = StoredJson.Options.Encoder });
        json.WriteStartObject();
        json.WriteString("path", path);
        json.WriteStartArray("articles");

        var feed = new ParsedFeed();
        var warnings = new List<string>();
        string? error = null;
        var normalizer = new StreamingNormalizer(
            first => new NormalizeContext
            {
                SourceId = sourceId,
                SourceTitle = feed.Title ?? first.Site ?? sourceId,
                SourceUrl = Uri.TryCreate(feed.Link, UriKind.Absolute, out var link) ? link : null,
                FeedLanguage = feed.Language,
                TimeZone = zone,
                FetchedAt = DateTimeOffset.UtcNow,
            },
            (article, articleWarnings) =>
            {
                JsonSerializer.Serialize(json, article, StoredJson.Options);
                warnings.AddRange(articleWarnings);
                if (json.BytesPending > FlushThreshold) json.Flush();
            });
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
            if (stream.CanSeek && stream.Length == 0) throw new FeedParseException("empty file");
            FeedParser.Parse(stream, (options ?? new ParseOptions()) with { DocumentUrl = new Uri(path) }, feed, normalizer.Add);
        }
        catch (FeedParseException e)
        {
            error = e.Message;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            error = "no such file";
        }
        catch (UnauthorizedAccessException)
        {
            error = "cannot read the file: permission denied";
        }
        catch (IOException e)
        {
            error = $"cannot read the file: {e.Message}";
        }
        finally
        {
            normalizer.Complete();
        }

        json.WriteEndArray();
        json.WriteBoolean("ok", error is null);
        if (error is null)
        {
            json.WriteString("format", feed.Format);
            json.WriteStartObject("feed");
            json.WriteString("title", feed.Title);
            json.WriteString("url", feed.Link);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("format");
            json.WriteNull("feed");
        }
        json.WriteStartArray("warnings");
        foreach (var warning in feed.Warnings) json.WriteStringValue(warning);
        foreach (var warning in warnings) json.WriteStringValue(warning);
        json.WriteEndArray();
        json.WriteString("error", error);
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }
}
