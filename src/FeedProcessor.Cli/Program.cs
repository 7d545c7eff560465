using System.CommandLine;
using FeedProcessor.Cli.Commands;

// `feedproc`: the FeedProcessor pipeline without the Functions host (run, poll --once, parse, poison).
var root = new RootCommand("FeedProcessor: polls official news feeds, cleans every article and serves one merged feed.")
{
    RunCommand.Create(),
    PollCommand.Create(),
    ParseCommand.Create(),
    PoisonCommand.Create(),
};
var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors) Console.Error.WriteLine($"feedproc: {error.Message}");
    Console.Error.WriteLine("Run `feedproc --help` for usage.");
    return ExitCodes.Usage;
}
return await parseResult.InvokeAsync();
