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
    private static readonly HashSet<string> FeedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".xml", ".rss", ".rdf", ".atom", ".feed", ".json", ".txt", ".html", ".htm",
    };

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, or folders searched recursively for feed files.", Arity = ArgumentArity.OneOrMore };
        var sourceId = new Option<string>("--source-id") { Description = "Source id recorded on the articles.", DefaultValueFactory = _ => "local" };
        var timeZone = new Option<string>("--time-zone") { Description = "IANA zone for dates without an offset.", DefaultValueFactory = _ => "UTC" };
        var command = new Command("parse", "Parse and normalize local feed files; print one NDJSON line per file.") { paths, sourceId, timeZone };
        command.SetAction(parseResult =>
        {
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
            var zone = TimeZones.Find(parseResult.GetValue(timeZone));
            var id = parseResult.GetValue(sourceId)!;
            using var output = Console.OpenStandardOutput();
            foreach (var file in ExpandPaths(parseResult.GetValue(paths)!))
            {
                var line = ParseFile(file, id, zone);
                using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = StoredJson.Options.Encoder }))
                    JsonSerializer.Serialize(writer, line, StoredJson.Options);
                output.WriteByte((byte)'\n');
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The files to parse, in a stable order; a path that does not exist still gets its line.</summary>
    private static IEnumerable<string> ExpandPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(f => FeedExtensions.Contains(Path.GetExtension(f)))
                             .Order(StringComparer.Ordinal))
                    yield return Path.GetFullPath(file);
            }
            else
            {
                yield return Path.GetFullPath(path);
            }
        }
    }

    internal static ParseLine ParseFile(string path, string sourceId, TimeZoneInfo zone)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ParseLine.Failed(path, $"cannot read the file: {e.Message}");
        }

        try
        {
            var feed = FeedParser.Parse(content, new ParseOptions { DocumentUrl = new Uri(path) });
            var warnings = new List<string>(feed.Warnings);
            var context = new NormalizeContext
            {
                SourceId = sourceId,
                SourceTitle = feed.Title ?? feed.Entries.FirstOrDefault()?.Site ?? sourceId,
                SourceUrl = Uri.TryCreate(feed.Link, UriKind.Absolute, out var link) ? link : null,
                FeedLanguage = feed.Language,
                TimeZone = zone,
                FetchedAt = DateTimeOffset.UtcNow,
            };
            var articles = feed.Entries.Select(entry => ArticleNormalizer.Shared.Normalize(entry, context, warnings)).ToList();
            return new ParseLine
            {
                Path = path, Ok = true, Format = feed.Format, Feed = new FeedInfo(feed.Title, feed.Link), Articles = articles, Warnings = warnings,
            };
        }
        catch (FeedParseException e)
        {
            return ParseLine.Failed(path, e.Message);
        }
    }

    internal sealed record FeedInfo(string? Title, string? Url);

    internal sealed record ParseLine
    {
        public required string Path { get; init; }
        public bool Ok { get; init; }
        public string? Format { get; init; }
        public FeedInfo? Feed { get; init; }
        public IReadOnlyList<Article> Articles { get; init; } = [];
        public IReadOnlyList<string> Warnings { get; init; } = [];
        public string? Error { get; init; }

        public static ParseLine Failed(string path, string error) => new() { Path = path, Ok = false, Error = error };
    }
}
