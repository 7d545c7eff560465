using System.CommandLine;

namespace FeedProcessor.Cli.Commands;

/// <summary>`feedproc poll --once`: one poll cycle plus normalization, a table per source, then exit.</summary>
internal static class PollCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var once = new Option<bool>("--once") { Description = "Run one cycle and exit (required; `feedproc run` polls continuously)." };
        var command = new Command("poll", "Poll every source once, normalize what is new, print a table and exit.");
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
            Console.Error.WriteLine($"Polling {services.Sources.Count} sources into {services.Store.Description} ...");
            await services.Maintenance.RunAsync(cancellationToken);
            await services.Pipeline.CatchUpAsync(cancellationToken);
            var result = await services.Pipeline.RunCycleAsync(services.Sources,
                report => Console.Error.WriteLine("  " + PollTable.SummaryLine(report)), cancellationToken);
            PollTable.Write(Console.Out, result.Sources);
            Console.Error.WriteLine($"Polled {result.Sources.Count} sources in {result.PollTime.TotalSeconds:F2}s; " +
                $"normalized {result.Normalized.Articles} articles ({result.Normalized.Failed} failed) in {result.NormalizeTime.TotalSeconds:F2}s.");
            return ExitCodes.Ok;
        });
        return command;
    }
}
