using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Publishing.Pages;

namespace FeedProcessor.Core.Api;

/// <summary>The answer of <c>GET /api/health</c>.</summary>
/// <param name="Degraded">What does not work fully: "storage", and "feed" when there is nothing to serve.</param>
public sealed record HealthReport(string Status, string Storage, string[] Degraded, string? IndexVersion)
{
    /// <summary>The last reconciliation sweep: when it ran and what it recovered; null before the first.</summary>
    public ReconcileStatus? Reconcile { get; init; }
    /// <summary>Dead-letter blobs of Event Grid waiting for the next sweep; null when storage did not answer.</summary>
    public int? DeadLetters { get; init; }
    /// <summary>Raw items set aside as poison; null when storage did not answer.</summary>
    public int? Poison { get; init; }
}

/// <summary>The answer of <c>GET /api/sources</c>.</summary>
public sealed record SourceStatusList(IReadOnlyList<SourceStatusView> Sources);
