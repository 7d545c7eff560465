using System.CommandLine;
using System.Globalization;
using FeedProcessor.Cli.Hosting;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Cli.Commands;

/// <summary>
/// `feedproc poison list|retry`: the raw items that failed to normalize too often, on the folder store or on Azure
/// Blob Storage (the Functions app's account too). `retry` requeues them and normalizes them at once (<see cref="PoisonRetry"/>).
/// </summary>
internal static class PoisonCommand
{
    private static readonly string[] ListHeaders = ["ITEM", "SOURCE", "ATTEMPTS", "POISONED", "REASON"];

    public static Command Create()
    {
        var command = new Command("poison", "List the raw items set aside after failing to normalize, and requeue them.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRetry());
        return command;
    }

    private static Command CreateList()
    {
        var common = new CommonOptions();
        var source = SourceFilter();
        var command = new Command("list", "Print every poison item: its name, source, attempts, when it was set aside and why.");
        AddStoreOptions(command, common, source);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CreateServices(parseResult, common);
            if (services is null) return ExitCodes.Failure;
            var records = await new PoisonStore(services.Store).ListAsync(parseResult.GetValue(source), cancellationToken);
            PollTable.WriteTable(Console.Out, ListHeaders, records.OrderBy(r => r.At).Select(r => new[]
            {
                r.RawName, r.SourceId, r.Attempts.ToString(CultureInfo.InvariantCulture),
                r.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture), FirstLine(r.Reason),
            }));
            Console.Error.WriteLine($"{records.Count} poison items in {services.Store.Description}.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateRetry()
    {
        var common = new CommonOptions();
        var source = SourceFilter();
        var items = new Argument<string[]>("ITEM")
        {
            Description = "Poison items to retry, as `poison list` prints them; none: every poison item (of --source).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("retry",
            "Take poison items out of poison with their failure count cleared, and normalize them now into the articles and the feed.");
        command.Arguments.Add(items);
        AddStoreOptions(command, common, source);
        command.Options.Add(common.Sources);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = CreateServices(parseResult, common);
            if (services is null) return ExitCodes.Failure;
            var poison = new PoisonStore(services.Store);
            var poisoned = (await poison.ListAsync(parseResult.GetValue(source), cancellationToken)).Select(r => r.RawName).ToHashSet(StringComparer.Ordinal);
            var asked = parseResult.GetValue(items) ?? [];
            var unknown = asked.Where(name => !poisoned.Contains(name)).ToList();
            foreach (var name in unknown) Console.Error.WriteLine($"feedproc: {name} is not a poison item{(parseResult.GetValue(source) is { } id ? $" of source {id}" : "")}; `feedproc poison list` shows them.");
            var names = (asked.Length > 0 ? asked.Where(poisoned.Contains).Distinct() : poisoned.Order(StringComparer.Ordinal)).ToList();

            var (outcomes, storageError) = await new PoisonRetry(services.Store, poison, services.Pipeline).RetryAsync(names, cancellationToken);
            foreach (var outcome in outcomes) Console.Out.WriteLine($"{outcome.RawName}: {Describe(outcome.Result)}");
            Console.Error.WriteLine($"Retried {outcomes.Count} poison items: {outcomes.Count(o => o.Result == PoisonRetry.Result.Normalized)} normalized, " +
                $"{outcomes.Count(o => o.Result == PoisonRetry.Result.FailedAgain)} failed again, {outcomes.Count(o => o.Result == PoisonRetry.Result.RawGone)} gone.");
            if (storageError is not null) Console.Error.WriteLine($"feedproc: storage failed ({storageError}); the items not normalized are out of poison and are normalized by the next run.");
            return unknown.Count > 0 || storageError is not null ? ExitCodes.Failure : ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> SourceFilter() => new("--source") { Description = "Only the poison items of this source id." };

    private static void AddStoreOptions(Command command, CommonOptions common, Option<string?> source)
    {
        command.Options.Add(common.Store);
        command.Options.Add(common.Storage);
        command.Options.Add(source);
    }

    /// <summary>
    /// The store, and the sources for retry's normalizing: the --sources file when there is one. Raw items carry
    /// their source's metadata, so without the file (e.g. on an operator's machine, against Azure) nothing is missing.
    /// </summary>
    private static CliServices? CreateServices(ParseResult parseResult, CommonOptions common)
    {
        var sourcesGiven = parseResult.GetResult(common.Sources) is { Implicit: false };
        return common.CreateServices(parseResult, sourcesGiven || File.Exists(parseResult.GetValue(common.Sources)) ? null : []);
    }

    private static string Describe(PoisonRetry.Result result) => result switch
    {
        PoisonRetry.Result.Normalized => "normalized into the feed",
        PoisonRetry.Result.FailedAgain => "failed again (see the log); it is retried as a new failure, and is poison again after 3",
        PoisonRetry.Result.RawGone => "its raw item no longer exists (deleted after the retention period); the record was removed",
        _ => "out of poison; storage failed before it was normalized, the next run normalizes it",
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd('\r');
}
