using FeedProcessor.Cli.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FeedProcessor.Tests.Cli;

/// <summary>feedproc's log lines: one line per event; a stack trace only with --verbose.</summary>
public sealed class CliLoggingTests
{
    private static string Format(bool verbose, Exception? exception, string message)
    {
        var formatter = new CliLogging.LineFormatter(new Fixed(new CliLogging.LineFormatterOptions { Verbose = verbose }));
        using var output = new StringWriter();
        formatter.Write(new LogEntry<string>(LogLevel.Error, "feedproc", default, message, exception, (state, _) => state), null, output);
        return output.ToString();
    }

    private static Exception Thrown()
    {
        try { throw new IOException("The disk is full.\nSecond line of detail."); }
        catch (IOException e) { return e; }
    }

    [Fact]
    public void An_error_is_one_line_with_the_exception_message_and_no_stack_trace()
    {
        var line = Format(verbose: false, Thrown(), "mfa: its state could not be saved");

        Assert.Matches(@"^\d\d:\d\d:\d\d error: mfa: its state could not be saved: The disk is full\.\r?\n$", line);
    }

    [Fact]
    public void Verbose_adds_the_stack_trace()
    {
        var text = Format(verbose: true, Thrown(), "mfa: its state could not be saved");

        Assert.Contains("System.IO.IOException: The disk is full.", text);
        Assert.Contains("   at FeedProcessor.Tests.Cli.CliLoggingTests.Thrown()", text);
    }

    private sealed class Fixed(CliLogging.LineFormatterOptions value) : IOptionsMonitor<CliLogging.LineFormatterOptions>
    {
        public CliLogging.LineFormatterOptions CurrentValue => value;
        public CliLogging.LineFormatterOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<CliLogging.LineFormatterOptions, string?> listener) => null;
    }
}
