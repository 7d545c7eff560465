using FeedProcessor.Core.Sources;

namespace FeedProcessor.Cli.Hosting;

/// <summary>
/// `feedproc run --demo`: the sample feeds in `seeds/samples/` (shipped beside the program) are served by the same
/// process under `/samples/` and polled like real sources, so the whole pipeline shows a merged feed with no
/// network at all. Its data go to a store of their own, so that a later run on the real sources shows none of them.
/// </summary>
internal static class DemoSamples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "seeds", "samples");
    public static readonly string DefaultStore = Path.Combine(Core.Storage.BlobStoreFactory.DefaultFolder, "demo");
    /// <summary>The port the samples name in their links; <see cref="ApiServer"/> and <see cref="LoadSources"/> follow --port instead.</summary>
    public const int SamplesPort = 7071;

    public static IReadOnlyList<SourceDefinition>? LoadSources(int port)
    {
        var path = Path.Combine(Folder, "sources.json");
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"feedproc: --demo needs {path}, which is built with the program; rebuild it (dotnet build src/FeedProcessor.Cli).");
            return null;
        }
        try
        {
            // The sample sources file names port 7071; follow --port.
            var json = File.ReadAllText(path).Replace($"127.0.0.1:{SamplesPort}/", $"127.0.0.1:{port}/", StringComparison.Ordinal);
            return SourceList.Parse(json, path);
        }
        catch (SourceListException e)
        {
            Console.Error.WriteLine($"feedproc: {e.Message}");
            return null;
        }
    }
}
