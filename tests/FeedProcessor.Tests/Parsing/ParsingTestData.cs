using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing;

/// <summary>Reads test files that sit beside the tests (copied to the output folder) and parses them.</summary>
internal static class ParsingTestData
{
    public static string PathOf(string stage, string file) => Path.Combine(AppContext.BaseDirectory, "Parsing", stage, "testdata", file);

    public static byte[] Bytes(string stage, string file) => File.ReadAllBytes(PathOf(stage, file));

    public static ParsedFeed Parse(string stage, string file, ParseOptions? options = null) => FeedParser.Parse(Bytes(stage, file), options ?? new ParseOptions());

    public static ParsedFeed ParseText(string xml, ParseOptions? options = null) => FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(xml), options ?? new ParseOptions());

    /// <summary>The line `feedproc parse` prints for the test file: parsed and normalized as a user sees it.</summary>
    public static System.Text.Json.JsonElement ParseLine(string stage, string file, TimeZoneInfo? zone = null)
    {
        using var output = new MemoryStream();
        FeedProcessor.Cli.Commands.ParseCommand.WriteLine(PathOf(stage, file), "local", zone ?? TimeZoneInfo.Utc, output);
        using var document = System.Text.Json.JsonDocument.Parse(output.ToArray());
        return document.RootElement.Clone();
    }

    public static List<System.Text.Json.JsonElement> Articles(this System.Text.Json.JsonElement line) =>
        line.GetProperty("articles").EnumerateArray().ToList();

    public static string? Str(this System.Text.Json.JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == System.Text.Json.JsonValueKind.Null ? null : element.GetProperty(property).GetString();
}
