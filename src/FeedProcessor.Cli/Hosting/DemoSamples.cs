using FeedProcessor.Core.Sources;

namespace FeedProcessor.Cli.Hosting;

/// <summary>
/// `feedproc run --demo`: the sample feeds in `seeds/samples/` are served by the same process under `/samples/`
/// and polled like real sources, so the whole pipeline shows a merged feed with no network at all.
/// </summary>
internal static class DemoSamples
{
    public static string Folder => Path.GetFullPath(Path.Combine("seeds", "samples"));
    private const string DemoPort = "7071";

    public static IReadOnlyList<SourceDefinition>? LoadSources(int port)
    {
        var path = Path.Combine(Folder, "sources.json");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"feedproc: --demo needs {path}; run it from the repository's root folder.");
            return null;
        }
        try
        {
            // The sample sources file names port 7071; follow --port.
            var json = File.ReadAllText(path).Replace($"127.0.0.1:{DemoPort}/", $"127.0.0.1:{port}/", StringComparison.Ordinal);
            return SourceList.Parse(json, path);
        }
        catch (SourceListException e)
        {
            Console.Error.WriteLine($"feedproc: {e.Message}");
            return null;
        }
    }
}
