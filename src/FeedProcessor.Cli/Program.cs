using System.CommandLine;
using FeedProcessor.Cli.Commands;

// `feedproc`: the FeedProcessor pipeline without the Functions host (run, poll --once, parse, poison).
var root = new RootCommand("FeedProcessor: polls official news feeds, cleans every article and serves one merged feed. " +
    "Sources are read from --sources (default: seeds/sources.json beside this program); data are kept in --store (default: .feedproc in the current folder).")
{
    RunCommand.Create(),
    PollCommand.Create(),
    ParseCommand.Create(),
    PoisonCommand.Create(),
};
if (args.Length == 0)
{
    Console.Error.WriteLine("feedproc: give a command: run, poll --once, parse or poison. Run `feedproc --help` for usage.");
    return ExitCodes.Usage;
}
var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors) Console.Error.WriteLine($"feedproc: {error.Message}");
    // Our own option errors ("--port must be ...") say how to fix them; the parser's ("Unrecognized command") do not.
    if (parseResult.Errors.Any(e => !e.Message.StartsWith("--", StringComparison.Ordinal)))
        Console.Error.WriteLine("Run `feedproc --help` for usage.");
    return ExitCodes.Usage;
}
try
{
    return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // Whatever was not foreseen still ends in one line; the stack trace is for --verbose.
    var verbose = args.Contains("--verbose") || args.Contains("-v");
    Console.Error.WriteLine($"feedproc: {e.Message.Split('\n', 2)[0].Trim()}" + (verbose ? "" : " (run with --verbose for details)"));
    if (verbose) Console.Error.WriteLine(e);
    return ExitCodes.Failure;
}
