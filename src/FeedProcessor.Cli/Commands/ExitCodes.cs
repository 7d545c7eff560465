namespace FeedProcessor.Cli.Commands;

internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>
    /// The command failed: unreadable or empty sources file, a store that cannot be opened or written, port in use,
    /// every source failed (`poll --once`), a folder with no feed files (`parse`).
    /// </summary>
    public const int Failure = 1;
    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
}
