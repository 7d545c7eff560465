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
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
