using System.CommandLine;

namespace FeedProcessor.Cli.Commands;

/// <summary>`feedproc poll --once`: one poll cycle plus normalization, a table per source, then exit.</summary>
internal static class PollCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var once = new Option<bool>("--once") { Description = "Run one cycle and exit (required; `feedproc run` polls continuously)." };
        var command = new Command("poll", "Poll every source once, normalize what is new, print a table and exit: 0 when a source answered, 1 when every source failed.");
        command.Options.Add(once);
        common.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!parseResult.GetValue(once))
            {
                Console.Error.WriteLine("feedproc: poll needs --once; use `feedproc run` to poll continuously.");
                return ExitCodes.Usage;
            }
            using var services = common.CreateServices(parseResult);
            if (services is null) return ExitCodes.Failure;
            if (services.Sources.Count == 0)
            {
                Console.Error.WriteLine($"feedproc: {common.SourcesFile(parseResult)} lists no sources; add some (see \"Sources\" in the README).");
                return ExitCodes.Failure;
            }
            Console.Error.WriteLine($"Polling {Counted.Of(services.Sources.Count, "source")} from {Path.GetFullPath(common.SourcesFile(parseResult))} into {services.Store.Description} ...");
            await services.Maintenance.RunAsync(cancellationToken);
            await services.Pipeline.CatchUpAsync(cancellationToken);
            var result = await services.Pipeline.RunCycleAsync(services.Sources,
                report => Console.Error.WriteLine("  " + PollTable.SummaryLine(report)), cancellationToken);
            PollTable.Write(Console.Out, result.Sources);
            Console.Error.WriteLine($"Polled {Counted.Of(result.Sources.Count, "source")} in {result.PollTime.TotalSeconds:F2}s; " +
                $"normalized {Counted.Of(result.Normalized.Articles, "article")} ({result.Normalized.Failed} failed) in {result.NormalizeTime.TotalSeconds:F2}s.");
            if (result.Normalized.StorageError is { } storageError)
            {
                Console.Error.WriteLine($"feedproc: the store failed, so some items wait for the next run: {storageError.Split('\n', 2)[0].Trim()}");
                return ExitCodes.Failure;
            }
            if (result.Sources.Count > 0 && result.Sources.All(r => r.Status == "failed"))
            {
                Console.Error.WriteLine($"feedproc: every source failed; the ERROR column says why.");
                return ExitCodes.Failure;
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
