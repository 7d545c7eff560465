using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FeedProcessor.Tests.Infrastructure;

/// <summary>
/// A real Azurite blob and table service for the tests, started once per test run on free loopback ports with in-memory
/// persistence. It uses `azurite-blob` (and `azurite-table` next to it) from AZURITE_BIN, `.tools/azurite` (where .ci/run installs it), the
/// repository's node_modules or PATH, and installs it with npm into `.tools/azurite` when none is found.
/// Tests isolate themselves with a container prefix of their own.
/// No Azurite outlives the test run: every instance is stopped on dispose and when the test process exits, and
/// each runs under a small shell watchdog that stops it when the test process is gone however it ended (killed by a
/// timeout, a crash), since a child process on Linux otherwise lives on.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static Azurite? _shared;
    private Process? _process;
    private Process? _tableProcess;

    public int Port { get; }

    /// <summary>The table service's port.</summary>
    public int TablePort { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>The folder Azurite persists to, or null for in-memory persistence (lost on a restart).</summary>
    public string? Location { get; }

    private Azurite(int port, string? location = null)
    {
        Port = port;
        TablePort = FreePort();
        Location = location;
    }

    /// <summary>The instance the whole test run shares.</summary>
    public static async Task<Azurite> SharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared?.Stop();
            }
            return _shared;
        }
        finally { SharedLock.Release(); }
    }

    /// <summary>
    /// Runs the command and watches this test process: when it is gone, or on SIGTERM, the command gets SIGTERM and is
    /// waited for (so <see cref="StopGracefully"/> still lets Azurite save its state). `sleep &amp; wait` keeps the
    /// shell responsive to signals between checks.
    /// </summary>
    private const string Watchdog = """
        "$@" & child=$!
        trap 'kill -TERM $child 2>/dev/null; wait $child; exit 0' TERM INT HUP
        while kill -0 "$WATCHED_PID" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1 & wait $!; done
        kill -TERM $child 2>/dev/null; wait $child
        """;

    /// <summary>A private instance, for tests that stop and restart storage.</summary>
    /// <param name="location">Persist to this folder, so that data survives <see cref="StopGracefully"/> and a restart.</param>
    public static async Task<Azurite> StartAsync(int? port = null, string? location = null)
    {
        var azurite = new Azurite(port ?? FreePort(), location);
        await azurite.StartProcessAsync();
        return azurite;
    }

    public async Task StartProcessAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("This Azurite is running already.");
        var blob = FindExecutable();
        _process = await StartServiceAsync(blob, ["--blobHost", "127.0.0.1", "--blobPort", Port.ToString()], Port, Location is null ? null : Path.Combine(Location, "blob"));
        // Stop() stops both; a table service that fails to start must not leave the blob service behind either.
        try
        {
            _tableProcess = await StartServiceAsync(Path.Combine(Path.GetDirectoryName(blob)!, "azurite-table"),
                ["--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString()], TablePort, Location is null ? null : Path.Combine(Location, "table"));
        }
        catch
        {
            Stop();
            throw;
        }
    }

    private static async Task<Process> StartServiceAsync(string executable, string[] arguments, int port, string? location)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", Watchdog, "azurite-watchdog", executable },
            Environment = { ["WATCHED_PID"] = Environment.ProcessId.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--skipApiVersionCheck");
        start.ArgumentList.Add("--loose");
        start.ArgumentList.Add("--silent");
        if (location is null) start.ArgumentList.Add("--inMemoryPersistence");
        else start.ArgumentList.Add("--location=" + location);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Azurite ({Path.GetFileName(executable)}) exited with code {process.ExitCode} right after starting.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"Azurite ({Path.GetFileName(executable)}) did not start listening within 60 seconds.");
    }

    public void Stop()
    {
        foreach (var process in new[] { _process, _tableProcess })
        {
            if (process is { HasExited: false })
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            process?.Dispose();
        }
        _process = null;
        _tableProcess = null;
    }

    /// <summary>
    /// SIGTERM: Azurite saves its metadata and closes, as storage that acknowledged a write keeps it. (A hard kill
    /// would lose Azurite's last seconds of metadata, which no real account does.)
    /// </summary>
    public void StopGracefully()
    {
        foreach (var process in new[] { _process, _tableProcess })
        {
            if (process is { HasExited: false })
            {
                Process.Start("kill", ["-TERM", process.Id.ToString()])!.WaitForExit();
                if (!process.WaitForExit(15_000)) process.Kill(entireProcessTree: true);
            }
            process?.Dispose();
        }
        _process = null;
        _tableProcess = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static string FindExecutable()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("AZURITE_BIN"),
            RepoPaths.Combine(".tools", "azurite", "node_modules", ".bin", "azurite-blob"),
            RepoPaths.Combine("node_modules", ".bin", "azurite-blob"),
        };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(dir => Path.Combine(dir, "azurite-blob")));
        var found = candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path));
        if (found is not null) return found;

        // Not installed: install it the way .ci/run does, so `dotnet test` works on a fresh clone with Node.js.
        var prefix = RepoPaths.Combine(".tools", "azurite");
        Directory.CreateDirectory(prefix);
        var npm = Process.Start(new ProcessStartInfo("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "azurite@3.37.0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Azurite is not installed and npm could not be started; install Node.js 20+ or run `bash .ci/run`.");
        var stderr = npm.StandardError.ReadToEndAsync();
        npm.StandardOutput.ReadToEnd();
        npm.WaitForExit();
        var installed = Path.Combine(prefix, "node_modules", ".bin", "azurite-blob");
        if (npm.ExitCode != 0 || !File.Exists(installed))
            throw new InvalidOperationException($"Azurite is not installed and `npm install azurite` failed: {stderr.Result}");
        return installed;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
