using FeedProcessor.Cli.Commands;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Cli;

/// <summary>
/// What a new user runs into in the first ten minutes: every wrong option, file or store gets one line in plain
/// words (no .NET type names, no stack trace) and the right exit code; a failed poll does not block the retry.
/// </summary>
public sealed class CliSurpriseTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("feedproc-cli-").FullName;

    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "Processing", "testdata", name);

    private static void AssertOneLineInOurWords(Feedproc run, string expected)
    {
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, "expected one line, got:\n" + run.Stderr);
        Assert.Contains(expected, lines[0]);
        Assert.StartsWith("feedproc: ", lines[0]);
        foreach (var dotnet in (string[])["Exception", "   at ", "System.", "LineNumber:", "BytePositionInLine", "JSON tokens", "literal"])
            Assert.DoesNotContain(dotnet, run.Stderr);
        Assert.Equal("", run.Stdout.Trim());
    }

    [Theory]
    [InlineData("60", "--interval \"60\" needs a unit")]
    [InlineData("30", "--interval \"30\" needs a unit")]
    [InlineData("2d", "--interval \"2d\" is not a duration")]
    [InlineData("25h", "--interval must be from 1s to 24h")]
    [InlineData("48:00:00", "--interval must be from 1s to 24h")]
    [InlineData("0s", "--interval must be from 1s to 24h")]
    public async Task An_interval_without_a_unit_or_over_a_day_is_refused_in_one_line(string interval, string expected)
    {
        var run = await Feedproc.RunAsync(_work, "run", "--interval", interval, "--store", Path.Combine(_work, "store"));
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertOneLineInOurWords(run, expected);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("00:15:00", 900)]
    [InlineData("24:00:00", 86400)]
    public void Intervals_are_read_with_units_or_as_a_clock(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OptionValues.TryParseDuration(text));

    [Theory]
    [InlineData("abc", "--port must be a whole number from 1 to 65535, not \"abc\".")]
    [InlineData("0", "--port must be a whole number from 1 to 65535, not \"0\".")]
    [InlineData("70000", "--port must be a whole number from 1 to 65535, not \"70000\".")]
    public async Task A_bad_port_is_named_alone(string port, string expected)
    {
        var run = await Feedproc.RunAsync(_work, "run", "--port", port);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertOneLineInOurWords(run, expected);
        Assert.DoesNotContain("--interval", run.Stderr);
    }

    [Fact]
    public async Task A_non_numeric_concurrency_is_refused_in_our_words()
    {
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--concurrency", "many");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertOneLineInOurWords(run, "--concurrency must be a whole number from 1 to 256, not \"many\".");
    }

    [Fact]
    public async Task An_empty_store_option_is_an_error_not_the_default_folder()
    {
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--store", "");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        AssertOneLineInOurWords(run, "--store needs a folder");
        Assert.False(Directory.Exists(Path.Combine(_work, ".feedproc")));
    }

    [Fact]
    public async Task A_store_that_is_a_file_is_named_as_such()
    {
        var sources = await WriteSourcesAsync("""{"sources": [{"id": "a", "title": "A", "url": "http://127.0.0.1:9/a.xml"}]}""");
        await File.WriteAllTextAsync(Path.Combine(_work, "afile.txt"), "x");
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sources, "--store", "afile.txt");
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        AssertOneLineInOurWords(run, "--store afile.txt is a file; give a folder");
    }

    [Fact]
    public async Task A_store_that_cannot_be_written_fails_the_command_with_one_line()
    {
        var sources = await WriteSourcesAsync("""{"sources": [{"id": "a", "title": "A", "url": "http://127.0.0.1:9/a.xml"}]}""");
        // /sys refuses new files even to root, as a read-only store does to its user.
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sources, "--store", "/sys/feedproc-store");
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        AssertOneLineInOurWords(run, "cannot write to the store /sys/feedproc-store");
    }

    [Theory]
    [InlineData("", "the file is empty; it should hold {\"sources\": [...]}")]
    [InlineData("tru", "not valid JSON at line 1, column 4")]
    [InlineData("{\"sources\": [\n  {\"id\": \"a\" \"title\": \"A\"}\n]}", "not valid JSON at line 2, column 14")]
    public async Task A_broken_sources_file_is_explained_in_our_words(string content, string expected)
    {
        var sources = await WriteSourcesAsync(content);
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sources, "--store", Path.Combine(_work, "store"));
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        AssertOneLineInOurWords(run, expected);
    }

    [Fact]
    public async Task No_command_missing_sources_and_a_bad_storage_string_are_each_one_line()
    {
        var none = await Feedproc.RunAsync(_work);
        Assert.Equal(ExitCodes.Usage, none.ExitCode);
        AssertOneLineInOurWords(none, "give a command: run, poll --once, parse or poison");

        var missing = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", "missing.json", "--store", Path.Combine(_work, "store"));
        Assert.Equal(ExitCodes.Failure, missing.ExitCode);
        AssertOneLineInOurWords(missing, $"missing.json: no such sources file ({Path.Combine(_work, "missing.json")})");

        var sources = await WriteSourcesAsync("""{"sources": [{"id": "a", "title": "A", "url": "http://127.0.0.1:9/a.xml"}]}""");
        var storage = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sources, "--storage", "garbage");
        Assert.Equal(ExitCodes.Failure, storage.ExitCode);
        AssertOneLineInOurWords(storage, "--storage must be a connection string");
    }

    [Fact]
    public async Task An_empty_sources_list_says_so()
    {
        var sources = await WriteSourcesAsync("""{"sources": []}""");
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sources, "--store", Path.Combine(_work, "store"));
        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        AssertOneLineInOurWords(run, "lists no sources");
    }

    [Fact]
    public async Task A_refused_loopback_source_names_the_flag_fails_the_poll_and_the_retry_with_the_flag_is_not_held_back()
    {
        await using var server = new LoopbackServer();
        server.MapFile("/a.xml", TestData("ministry-a.xml"));
        var sources = await WriteSourcesAsync($$"""{"sources": [{"id": "ministry-a", "title": "Ministry A", "url": "{{server.BaseUrl}}/a.xml"}]}""");
        string[] args = ["poll", "--once", "--sources", sources, "--store", Path.Combine(_work, "store")];

        var refused = await Feedproc.RunAsync(_work, args);
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Contains("--allow-private-network", refused.Stdout);
        Assert.Contains("every source failed", refused.Stderr);
        Assert.Equal(0, server.CountRequests("/a.xml"));

        // The network policy changed: the backoff the refusal earned no longer applies.
        var allowed = await Feedproc.RunAsync(_work, [.. args, "--allow-private-network"]);
        Assert.Equal(ExitCodes.Ok, allowed.ExitCode);
        Assert.Matches(@"ministry-a\s+fetched\s+3\s", allowed.Stdout);
        Assert.Equal(1, server.CountRequests("/a.xml"));
        Assert.Contains("Polling 1 source from", allowed.Stderr);
        Assert.Contains("Polled 1 source in", allowed.Stderr);
    }

    [Fact]
    public async Task A_fixed_source_definition_resets_the_backoff_and_force_polls_now()
    {
        await using var server = new LoopbackServer();
        server.Map("/down.xml", _ => new LoopbackServer.Response(503, "down"u8.ToArray(), "text/plain"));
        server.MapFile("/a.xml", TestData("ministry-a.xml"));
        string[] Args(string sourcesFile, params string[] more) =>
            ["poll", "--once", "--sources", sourcesFile, "--store", Path.Combine(_work, "store"), "--allow-private-network", .. more];
        var broken = await WriteSourcesAsync($$"""{"sources": [{"id": "a", "title": "A", "url": "{{server.BaseUrl}}/down.xml"}]}""", "broken.json");

        Assert.Equal(ExitCodes.Failure, (await Feedproc.RunAsync(_work, Args(broken))).ExitCode);
        var held = await Feedproc.RunAsync(_work, Args(broken));
        Assert.Matches(@"\ba\s+skipped\s", held.Stdout); // backing off after the failure, as it should
        var forced = await Feedproc.RunAsync(_work, Args(broken, "--force"));
        Assert.Matches(@"\ba\s+failed\s", forced.Stdout);
        Assert.Equal(2, server.CountRequests("/down.xml"));

        var fixedSources = await WriteSourcesAsync($$"""{"sources": [{"id": "a", "title": "A", "url": "{{server.BaseUrl}}/a.xml"}]}""", "fixed.json");
        var afterFix = await Feedproc.RunAsync(_work, Args(fixedSources));
        Assert.Equal(ExitCodes.Ok, afterFix.ExitCode);
        Assert.Matches(@"\ba\s+fetched\s+3\s", afterFix.Stdout);
    }

    [Fact]
    public async Task Logs_go_to_stderr_and_stdout_holds_only_the_table()
    {
        await using var server = new LoopbackServer();
        // Windows-1251 without a charset: the parser recovers and the poll logs a warning.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var cp1251 = System.Text.Encoding.GetEncoding(1251).GetBytes(
            """<?xml version="1.0"?><rss version="2.0"><channel><title>Минфин</title><item><title>Новости</title><link>http://127.0.0.1/1</link></item></channel></rss>""");
        server.MapBytes("/a.xml", cp1251, "application/rss+xml");
        var sources = await WriteSourcesAsync($$"""{"sources": [{"id": "a", "title": "A", "url": "{{server.BaseUrl}}/a.xml"}]}""");

        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sources, "--store", Path.Combine(_work, "store"), "--allow-private-network");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("warn: a: ", run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("SOURCE", lines[0]);
        Assert.StartsWith("a ", lines[1]);
    }

    [Fact]
    public void The_program_ships_the_default_sources_and_the_samples_beside_itself()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "seeds", "sources.json");
        Assert.Equal(File.ReadAllText(RepoPaths.Combine("seeds", "sources.json")), File.ReadAllText(shipped));
        Assert.Equal(shipped, CommonOptions.DefaultSourcesFile);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "seeds", "samples", "sources.json")));
    }

    [Fact]
    public async Task Help_says_where_the_sources_and_the_store_are_read_from()
    {
        var run = await Feedproc.RunAsync(_work, "poll", "--help");
        Assert.Contains("seeds/sources.json beside the feedproc program", run.Stdout);
        Assert.Contains("[default: .feedproc]", run.Stdout);
    }

    private async Task<string> WriteSourcesAsync(string json, string name = "sources.json")
    {
        var path = Path.Combine(_work, name);
        await File.WriteAllTextAsync(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
