using System.Globalization;

namespace FeedProcessor.Cli.Commands;

/// <summary>"1 source", "8 sources".</summary>
internal static class Counted
{
    public static string Of(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");
}
