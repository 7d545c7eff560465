using System.Net;
using System.Net.Sockets;

namespace FeedProcessor.Core.Fetching.Safety;

/// <summary>Sorts an IP address into the categories the SSRF guard decides on, seeing through IPv6 forms that embed IPv4.</summary>
public static class AddressClassifier
{
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, GCP, Azure IMDS, OpenStack
        IPAddress.Parse("169.254.170.2"),   // AWS ECS task metadata
        IPAddress.Parse("169.254.169.253"), // AWS VPC DNS
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud (inside CGNAT, so Private alone would let it through)
        IPAddress.Parse("168.63.129.16"),   // Azure WireServer: a public-looking address only the host answers
        IPAddress.Parse("fd00:ec2::254"),   // AWS IMDS over IPv6
    ];

    public static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (MetadataAddresses.Contains(address)) return AddressCategory.Metadata;
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressCategory.Reserved,
        };
    }

    /// <summary>Whether the guard lets a connection to this category through.</summary>
    public static bool IsAllowed(AddressCategory category, bool allowPrivateNetwork) => category switch
    {
        AddressCategory.Public => true,
        AddressCategory.Loopback or AddressCategory.Private => allowPrivateNetwork,
        _ => false,
    };

    public static string Describe(AddressCategory category) => category switch
    {
        AddressCategory.Loopback => "a loopback address (this machine)",
        AddressCategory.Private => "a private-network address",
        AddressCategory.LinkLocal => "a link-local address, where cloud metadata services live",
        AddressCategory.Metadata => "a cloud metadata service address",
        AddressCategory.Multicast => "a multicast address",
        AddressCategory.Unspecified => "an unspecified address",
        AddressCategory.Broadcast => "the broadcast address",
        AddressCategory.Reserved => "a reserved address",
        _ => "a public address",
    };

    private static AddressCategory ClassifyV4(byte[] b) => (b[0], b[1]) switch
    {
        (0, _) => AddressCategory.Unspecified,
        (127, _) => AddressCategory.Loopback,
        (10, _) => AddressCategory.Private,
        (172, >= 16 and <= 31) => AddressCategory.Private,
        (192, 168) => AddressCategory.Private,
        (100, >= 64 and <= 127) => AddressCategory.Private,
        (198, 18 or 19) => AddressCategory.Private,
        (169, 254) => AddressCategory.LinkLocal,
        (>= 224 and <= 239, _) => AddressCategory.Multicast,
        (255, 255) when b[2] == 255 && b[3] == 255 => AddressCategory.Broadcast,
        (>= 240, _) => AddressCategory.Reserved,
        (192, 0) when b[2] == 0 => AddressCategory.Reserved,
        _ => AddressCategory.Public,
    };

    private static AddressCategory ClassifyV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6None)) return AddressCategory.Unspecified;
        if (address.Equals(IPAddress.IPv6Loopback)) return AddressCategory.Loopback;
        var b = address.GetAddressBytes();
        if (EmbeddedV4(b) is { } embedded) return Classify(embedded);
        if (b[0] == 0xff) return AddressCategory.Multicast;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressCategory.LinkLocal;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return AddressCategory.Private; // deprecated site-local
        if ((b[0] & 0xfe) == 0xfc) return AddressCategory.Private;
        return AddressCategory.Public;
    }

    /// <summary>IPv4 carried inside IPv6 by NAT64 (64:ff9b::/96), 6to4 (2002::/16) and the deprecated IPv4-compatible form (::/96).</summary>
    private static IPAddress? EmbeddedV4(byte[] b)
    {
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            return new IPAddress(b.AsSpan(12, 4));
        if (b[0] == 0x20 && b[1] == 0x02)
            return new IPAddress(b.AsSpan(2, 4));
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            return new IPAddress(b.AsSpan(12, 4));
        return null;
    }
}
