using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FeedProcessor.Cli.Commands;

/// <summary>
/// Reads option values the way people write them, and says in one line what is wrong with one that cannot be read
/// (System.CommandLine's own messages name .NET types).
/// </summary>
internal static partial class OptionValues
{
    public static readonly TimeSpan MaxInterval = TimeSpan.FromDays(1);

    /// <summary>
    /// A duration: <c>90s</c>, <c>15m</c>, <c>1h</c> (units may be combined: <c>1h30m</c>) or <c>hh:mm:ss</c>.
    /// A bare number is refused: "60" could mean seconds, minutes or (as TimeSpan reads it) days.
    /// </summary>
    public static TimeSpan ParseInterval(ArgumentResult result)
    {
        var option = OptionName(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        var interval = TryParseDuration(text);
        if (interval is null)
        {
            result.AddError(text.Length > 0 && text.All(char.IsAsciiDigit)
                ? $"{option} \"{text}\" needs a unit, such as {text}s or {text}m (s, m, h, or hh:mm:ss)."
                : $"{option} \"{text}\" is not a duration; write it as 90s, 15m, 1h or hh:mm:ss.");
            return default;
        }
        if (interval < TimeSpan.FromSeconds(1) || interval > MaxInterval)
            result.AddError($"{option} must be from 1s to 24h, not \"{text}\".");
        return interval.Value;
    }

    internal static TimeSpan? TryParseDuration(string text)
    {
        if (UnitsPattern().Match(text) is { Success: true } units && units.Length > 0)
        {
            var total = TimeSpan.Zero;
            foreach (Capture capture in units.Groups["part"].Captures)
            {
                var number = capture.Value[..^1];
                if (!long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 1_000_000) return null;
                total += char.ToLowerInvariant(capture.Value[^1]) switch
                {
                    'h' => TimeSpan.FromHours(value),
                    'm' => TimeSpan.FromMinutes(value),
                    _ => TimeSpan.FromSeconds(value),
                };
            }
            return total;
        }
        // hh:mm:ss only (TimeSpan also reads "1" as a day and "1.02:00" as a day and two hours).
        if (ClockPattern().Match(text) is { Success: true } clock && int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) < 60
            && int.Parse(clock.Groups["s"].Value, CultureInfo.InvariantCulture) < 60)
            return new TimeSpan(int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture),
                int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture), int.Parse(clock.Groups["s"].Value, CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>A whole number within a range, e.g. --port and --concurrency.</summary>
    public static Func<ArgumentResult, int> WholeNumber(int min, int max, string? what = null) => result =>
    {
        var option = OptionName(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            result.AddError($"{option} must be a whole number from {min} to {max}{what}, not \"{text}\".");
            return min;
        }
        return value;
    };

    private static string OptionName(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;

    [GeneratedRegex(@"^(?<part>\d+[hmsHMS])+$")]
    private static partial Regex UnitsPattern();

    [GeneratedRegex(@"^(?<h>\d{1,2}):(?<m>\d{2}):(?<s>\d{2})$")]
    private static partial Regex ClockPattern();
}
