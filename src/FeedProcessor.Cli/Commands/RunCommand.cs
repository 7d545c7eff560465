using System.CommandLine;
using System.Net.Sockets;
using FeedProcessor.Cli.Hosting;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage.Index;
using Microsoft.AspNetCore.Builder;

namespace FeedProcessor.Cli.Commands;

/// <summary>
/// `feedproc run`: polls at once and then every interval, normalizes every new raw item, and serves the API on
/// http://127.0.0.1:PORT/api/... until Ctrl+C. Restarting on the same store loses nothing and doubles nothing.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var common = new CommonOptions();
        var port = new Option<int>("--port")
        {
            Description = "Port of the HTTP API on 127.0.0.1.",
            DefaultValueFactory = _ => 7071,
            CustomParser = OptionValues.WholeNumber(1, 65535),
            HelpName = "N",
        };
        var interval = new Option<TimeSpan>("--interval")
        {
            Description = "Time between poll cycles: 90s, 15m, 1h or hh:mm:ss, from 1s to 24h.",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(15),
            CustomParser = OptionValues.ParseInterval,
            HelpName = "DURATION",
        };
        var demo = new Option<bool>("--demo")
        {
            Description = $"Poll the bundled sample feeds (seeds/samples beside the program), served by this process, instead of the real sources. Needs no network; keeps its data in {DemoSamples.DefaultStore} unless --store is given.",
        };
        var publicUrl = new Option<string?>("--public-url")
        {
            Description = "The public base URL that feed and page links use (e.g. https://feeds.example.org) when served behind a proxy; default: the Host header.",
        };
        var trustedProxies = new Option<string?>("--trusted-proxies")
        {
            Description = "Proxies whose X-Forwarded-Host/-Proto headers are honoured: addresses or CIDR ranges, comma-separated (e.g. 127.0.0.1,10.0.0.0/8). Default: none.",
        };
        var command = new Command("run", "Poll continuously, normalize, and serve the merged feed at http://127.0.0.1:PORT/api/feed.");
        common.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(interval);
        command.Options.Add(demo);
        command.Options.Add(publicUrl);
        command.Options.Add(trustedProxies);
        command.Validators.Add(result =>
        {
            if (result.GetValue(demo) && result.GetResult(common.Sources) is { Implicit: false })
                result.AddError("--demo polls the bundled samples, so --sources would be ignored; give one of them.");
        });
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var listenPort = parseResult.GetValue(port);
            var every = parseResult.GetValue(interval);
            PublicUrlPolicy linkPolicy;
            try
            {
                linkPolicy = PublicUrlPolicy.Parse(parseResult.GetValue(publicUrl), [parseResult.GetValue(trustedProxies)]);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine($"feedproc: {e.Message}");
                return ExitCodes.Usage;
            }
            var demoMode = parseResult.GetValue(demo);
            IReadOnlyList<SourceDefinition>? demoSources = null;
            if (demoMode && (demoSources = DemoSamples.LoadSources(listenPort)) is null) return ExitCodes.Failure;

            // The bundled samples are old news: the demo keeps them whatever their date.
            using var services = common.CreateServices(parseResult, demoSources, allowPrivateNetwork: demoMode,
                defaultStore: demoMode ? DemoSamples.DefaultStore : null, retentionOverride: demoMode ? new Retention(Retention.MaxDays) : null);
            if (services is null) return ExitCodes.Failure;
            var sourcesFrom = demoMode ? DemoSamples.Folder : Path.GetFullPath(common.SourcesFile(parseResult));
            if (services.Sources.Count == 0)
                Console.Error.WriteLine($"feedproc: {sourcesFrom} lists no sources, so nothing will be polled; the API serves what the store holds.");

            var server = ApiServer.Build(services.Api, listenPort, demoMode ? DemoSamples.Folder : null, linkPolicy);
            try
            {
                await server.StartAsync(cancellationToken);
            }
            catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"feedproc: port {listenPort} is in use; pick another with --port.");
                return ExitCodes.Failure;
            }

            Console.Error.WriteLine($"Serving the merged feed at http://127.0.0.1:{listenPort}/api/feed (sources: {sourcesFrom}; store: {services.Store.Description}). Press Ctrl+C to stop.");
            // The web host handles Ctrl+C and SIGTERM itself; its stopping token ends the poll loop too.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Lifetime.ApplicationStopping);
            cancellationToken = stopping.Token;
            try
            {
                await services.Maintenance.RunAsync(cancellationToken);
                while (!cancellationToken.IsCancellationRequested)
                {
                    services.NextCycle = DateTimeOffset.UtcNow; // polling now
                    // Before each cycle: what an earlier run (or another process on the same store) left unfinished.
                    await services.Pipeline.CatchUpAsync(cancellationToken);
                    Console.Error.WriteLine($"Polling {Counted.Of(services.Sources.Count, "source")} ...");
                    var result = await services.Pipeline.RunCycleAsync(services.Sources,
                        report => Console.Error.WriteLine("  " + PollTable.SummaryLine(report)), cancellationToken);
                    // --force is for the first cycle: later ones honour backoff and the publishers' waits again.
                    services.Fetcher.Options.IgnoreEarlierWaits = false;
                    var total = result.Sources.Sum(r => r.New);
                    services.NextCycle = DateTimeOffset.UtcNow + every;
                    Console.Error.WriteLine($"Cycle done in {(result.PollTime + result.NormalizeTime).TotalSeconds:F2}s: {Counted.Of(total, "new item")}, " +
                        $"{Counted.Of(result.Normalized.Articles, "article")} normalized ({result.Normalized.Failed} failed). Next poll in {every} at {services.NextCycle:HH:mm:ss} UTC.");
                    await services.Maintenance.RunAsync(cancellationToken);
                    await Task.Delay(every, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C: what was written is complete; what was not is fetched again on the next start.
            }
            Console.Error.WriteLine("Stopping ...");
            await server.StopAsync(CancellationToken.None);
            await server.DisposeAsync();
            return ExitCodes.Ok;
        });
        return command;
    }
}
