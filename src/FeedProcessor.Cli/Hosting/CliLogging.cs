using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace FeedProcessor.Cli.Hosting;

/// <summary>
/// feedproc's log: every line on stderr (stdout is for results such as the poll table), one line per event, and an
/// exception as its message only; its stack trace, and debug events, only with --verbose.
/// </summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(bool verbose) => LoggerFactory.Create(logging => logging
        .AddConsole(options =>
        {
            options.FormatterName = LineFormatter.Name;
            options.LogToStandardErrorThreshold = LogLevel.Trace;
        })
        .AddConsoleFormatter<LineFormatter, LineFormatterOptions>(options => options.Verbose = verbose)
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddFilter("System.Net.Http", LogLevel.Warning)
        .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information));

    internal sealed class LineFormatterOptions : ConsoleFormatterOptions
    {
        public bool Verbose { get; set; }
    }

    /// <summary>"12:04:31 warn: message: the exception's message", with the stack trace after it only when verbose.</summary>
    internal sealed class LineFormatter(IOptionsMonitor<LineFormatterOptions> options) : ConsoleFormatter(Name)
    {
        public new const string Name = "feedproc";

        public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
        {
            var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
            var exception = logEntry.Exception;
            textWriter.Write(DateTime.Now.ToString("HH:mm:ss "));
            textWriter.Write(Level(logEntry.LogLevel));
            textWriter.Write(": ");
            textWriter.Write(message);
            if (exception is not null)
            {
                if (options.CurrentValue.Verbose)
                {
                    textWriter.WriteLine();
                    textWriter.Write(exception.ToString());
                }
                else if (!message.Contains(FirstLine(exception.Message), StringComparison.Ordinal))
                {
                    textWriter.Write(": ");
                    textWriter.Write(FirstLine(exception.Message));
                }
            }
            textWriter.WriteLine();
        }

        private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trace",
            LogLevel.Debug => "debug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "error",
            _ => "fatal",
        };
    }
}
