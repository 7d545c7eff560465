using System.Globalization;
using System.Text;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// A place in the feed's order (newest first by sort time, then by id): the keyset a page ends at and the next one
/// starts after. Carried in feed URLs as an opaque token (<see cref="ToToken"/>), never as an offset, so a walk
/// through the pages neither skips nor repeats an article while new ones arrive.
/// </summary>
public readonly record struct IndexPosition(long SortTicks, string Id)
{
    /// <summary>True when an entry at <paramref name="other"/> comes after this position in feed order.</summary>
    public bool IsBefore(IndexPosition other) => Compare(this, other) < 0;

    /// <summary>Feed order: newer first, then ids in ordinal order.</summary>
    public static int Compare(IndexPosition a, IndexPosition b)
    {
        var byTime = b.SortTicks.CompareTo(a.SortTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    public string ToToken() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(SortTicks.ToString(CultureInfo.InvariantCulture) + "." + Id))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static IndexPosition? FromToken(string token)
    {
        if (token.Length is 0 or > 200) return null;
        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64); }
        catch (FormatException) { return null; }
        var text = Encoding.UTF8.GetString(bytes);
        var dot = text.IndexOf('.');
        if (dot <= 0 || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks) return null;
        var id = text[(dot + 1)..];
        if (id.Length is 0 or > 128 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        return new IndexPosition(ticks, id);
    }
}
