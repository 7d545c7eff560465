using System.Globalization;
using FeedProcessor.Core.Processing;

namespace FeedProcessor.Cli.Commands;

/// <summary>Prints poll reports as a table (`poll --once`) or as one summary line per source (`run`).</summary>
internal static class PollTable
{
    private static readonly string[] Headers = ["SOURCE", "STATUS", "NEW", "UNCHANGED", "FAILED", "ELAPSED", "RESULT", "FAILURES", "NEXT POLL", "ERROR"];

    public static void Write(TextWriter output, IReadOnlyList<SourcePollReport> reports) => WriteTable(output, Headers, reports.Select(Cells));

    /// <summary>Columns padded to their widest cell, two spaces apart; the last one (free text) is not padded.</summary>
    public static void WriteTable(TextWriter output, string[] headers, IEnumerable<string[]> cells)
    {
        var rows = cells.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(headers, widths));
        foreach (var row in rows) output.WriteLine(Line(row, widths));
    }

    public static string SummaryLine(SourcePollReport r)
    {
        var line = $"{r.SourceId}: {r.Status}, {r.New} new, {r.Unchanged} unchanged, {r.Failed} failed in {Seconds(r.Elapsed)}";
        return r.Error is null ? line : $"{line} — {r.Error}";
    }

    private static string[] Cells(SourcePollReport r) =>
    [
        r.SourceId,
        r.Status,
        r.New.ToString(CultureInfo.InvariantCulture),
        r.Unchanged.ToString(CultureInfo.InvariantCulture),
        r.Failed.ToString(CultureInfo.InvariantCulture),
        Seconds(r.Elapsed),
        r.State?.LastStatus ?? "-",
        (r.State?.ConsecutiveFailures ?? 0).ToString(CultureInfo.InvariantCulture),
        r.State?.NextPollNotBefore?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "-",
        r.Error ?? (r.State?.PendingRedirect is { } moved ? $"moving to {moved.Target} (301 since {moved.FirstSeen:yyyy-MM-dd})" : ""),
    ];

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Count - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
}
