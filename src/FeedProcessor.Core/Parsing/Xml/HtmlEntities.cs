using System.Collections.Frozen;
using System.Globalization;

namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>
/// The full HTML5 named character reference set. Feeds use HTML entities XML does not define
/// (&amp;laquo;, &amp;nbsp;, &amp;mdash;); WebUtility.HtmlDecode knows only the HTML 4 subset.
/// </summary>
internal static partial class HtmlEntities
{
    private static readonly Lazy<FrozenDictionary<string, string>> ByName = new(Build);

    /// <summary>The characters a name (without &amp; and ;) stands for, or null.</summary>
    public static string? Lookup(ReadOnlySpan<char> name)
    {
        var lookup = ByName.Value.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.TryGetValue(name, out var chars) ? chars : null;
    }

    private static readonly string[] Legacy = LegacyNames.Split(' ');

    /// <summary>
    /// Whether a name HTML decodes without its ";" (&amp;amp, &amp;copy, &amp;not…) starts <paramref name="run"/>, the
    /// letters and digits after an "&amp;". An HTML parser would then read an entity there even though none is complete.
    /// </summary>
    public static bool StartsWithLegacyName(ReadOnlySpan<char> run)
    {
        foreach (var name in Legacy)
            if (run.StartsWith(name, StringComparison.Ordinal)) return true;
        return false;
    }

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(2200, StringComparer.Ordinal);
        foreach (var entry in Table.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var space = entry.IndexOf(' ');
            var chars = string.Concat(entry[(space + 1)..].Split('+')
                .Select(hex => char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
            map[entry[..space]] = chars;
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
