using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Tests.Parsing;

/// <summary>Reads test files that sit beside the tests (copied to the output folder) and parses them.</summary>
internal static class ParsingTestData
{
    public static string PathOf(string stage, string file) => Path.Combine(AppContext.BaseDirectory, "Parsing", stage, "testdata", file);

    public static byte[] Bytes(string stage, string file) => File.ReadAllBytes(PathOf(stage, file));

    public static ParsedFeed Parse(string stage, string file, ParseOptions? options = null) => FeedParser.Parse(Bytes(stage, file), options ?? new ParseOptions());

    public static ParsedFeed ParseText(string xml, ParseOptions? options = null) => FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(xml), options ?? new ParseOptions());
}
