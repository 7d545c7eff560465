using System.CommandLine;
using System.Net.Sockets;
using FeedProcessor.Cli.Hosting;
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
        var port = new Option<int>("--port") { Description = "Port of the HTTP API on 127.0.0.1.", DefaultValueFactory = _ => 7071 };
        var interval = new Option<TimeSpan>("--interval") { Description = "Time between poll cycles (hh:mm:ss).", DefaultValueFactory = _ => TimeSpan.FromMinutes(15) };
        var demo = new Option<bool>("--demo")
        {
            Description = "Poll the bundled sample feeds (seeds/samples), served by this process, instead of the real sources. Needs no network.",
        };
        var command = new Command("run", "Poll continuously, normalize, and serve the merged feed at http://127.0.0.1:PORT/api/feed.");
        common.AddTo(command);
        command.Options.Add(port);
        command.Options.Add(interval);
        command.Options.Add(demo);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var listenPort = parseResult.GetValue(port);
            var every = parseResult.GetValue(interval);
            if (listenPort is < 1 or > 65535 || every < TimeSpan.FromSeconds(1))
            {
                Console.Error.WriteLine("feedproc: --port must be between 1 and 65535, and --interval at least 00:00:01.");
                return ExitCodes.Usage;
            }
            var demoMode = parseResult.GetValue(demo);
            IReadOnlyList<SourceDefinition>? demoSources = null;
            if (demoMode && (demoSources = DemoSamples.LoadSources(listenPort)) is null) return ExitCodes.Failure;

            // The bundled samples are old news: the demo keeps them whatever their date.
            using var services = common.CreateServices(parseResult, demoSources, allowPrivateNetwork: demoMode,
                retentionOverride: demoMode ? new Retention(Retention.MaxDays) : null);
            if (services is null) return ExitCodes.Failure;

            var server = ApiServer.Build(services.Api, listenPort, demoMode ? DemoSamples.Folder : null);
            try
            {
                await server.StartAsync(cancellationToken);
            }
            catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                Console.Error.WriteLine($"feedproc: port {listenPort} is in use; pick another with --port.");
                return ExitCodes.Failure;
            }

            Console.Error.WriteLine($"Serving the merged feed at http://127.0.0.1:{listenPort}/api/feed (store: {services.Store.Description}). Press Ctrl+C to stop.");
            // The web host handles Ctrl+C and SIGTERM itself; its stopping token ends the poll loop too.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Lifetime.ApplicationStopping);
            cancellationToken = stopping.Token;
            try
            {
                await services.Maintenance.RunAsync(cancellationToken);
                await services.Pipeline.CatchUpAsync(cancellationToken);
                while (!cancellationToken.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"Polling {services.Sources.Count} sources ...");
                    var result = await services.Pipeline.RunCycleAsync(services.Sources,
                        report => Console.Error.WriteLine("  " + PollTable.SummaryLine(report)), cancellationToken);
                    var total = result.Sources.Sum(r => r.New);
                    Console.Error.WriteLine($"Cycle done in {(result.PollTime + result.NormalizeTime).TotalSeconds:F2}s: {total} new items, " +
                        $"{result.Normalized.Articles} articles normalized ({result.Normalized.Failed} failed). Next poll in {every}.");
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
