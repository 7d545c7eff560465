using FeedProcessor.Core.Publishing.Pages;

namespace FeedProcessor.Core.Api;

/// <summary>The answer of <c>GET /api/health</c>.</summary>
/// <param name="Degraded">What does not work fully: "storage", and "feed" when there is nothing to serve.</param>
public sealed record HealthReport(string Status, string Storage, string[] Degraded, string? IndexVersion);

/// <summary>The answer of <c>GET /api/sources</c>.</summary>
public sealed record SourceStatusList(IReadOnlyList<SourceStatusView> Sources);
