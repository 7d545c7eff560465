using BenchmarkDotNet.Running;
using FeedProcessor.Benchmarks.Workloads;

if (args is ["generate", var path, ..])
{
    var items = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
    var first = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 0;
    using var file = File.Create(path);
    SyntheticFeed.Write(file, items, first);
    return 0;
}
static int Int(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
if (args is ["simulate-ingest", var connection, var part, var parts, var articles, var sources])
    return await ScaleSimulation.IngestAsync(connection, Int(part), Int(parts), Int(articles), Int(sources));
if (args is ["simulate-serve", var serveConnection, var serveSources, var requests])
    return await ScaleSimulation.ServeAsync(serveConnection, Int(serveSources), Int(requests));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
