namespace FeedProcessor.Cli.Commands;

internal static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>The run could not start: unreadable sources file, unreachable storage, port in use.</summary>
    public const int Failure = 1;
    /// <summary>The command line itself is wrong.</summary>
    public const int Usage = 2;
}
