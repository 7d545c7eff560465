namespace FeedProcessor.Core.Fetching.Safety;

public enum AddressCategory
{
    Public,
    Loopback,
    /// <summary>RFC 1918, CGNAT 100.64/10, benchmarking 198.18/15, IPv6 unique-local fc00::/7 and site-local.</summary>
    Private,
    LinkLocal,
    /// <summary>Cloud instance metadata and host agents (AWS, GCP, Azure, Alibaba, ECS).</summary>
    Metadata,
    Multicast,
    Unspecified,
    Broadcast,
    Reserved,
}
