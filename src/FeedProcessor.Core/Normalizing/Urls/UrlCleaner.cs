using System.Text;

namespace FeedProcessor.Core.Normalizing.Urls;

/// <summary>Absolute http(s) URLs without tracking parameters, and the canonical form used to recognize the same page.</summary>
public static class UrlCleaner
{
    private static readonly HashSet<string> TrackingParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "yclid", "_openstat", "mc_cid", "mc_eid", "dclid", "msclkid", "igshid", "_ga", "_gl",
    };

    /// <summary>
    /// <paramref name="url"/> made absolute against <paramref name="baseUrl"/>, with tracking parameters removed and the
    /// fragment kept (some sites route by it). Null unless the result is http or https.
    /// </summary>
    public static string? Clean(string? url, Uri? baseUrl)
    {
        var uri = ToAbsolute(url, baseUrl);
        return uri is null ? null : Usable(Build(uri, keepFragment: true));
    }

    /// <summary>
    /// The form under which the same page is recognized: lowercase host, no default port, no tracking parameters,
    /// no fragment, no empty query. Null when <paramref name="url"/> is not an absolute http(s) URL.
    /// </summary>
    public static string? Canonicalize(string url)
    {
        var uri = ToAbsolute(url, null);
        return uri is null ? null : Usable(Build(uri, keepFragment: false));
    }

    /// <summary>What the cleaner returns must parse again: a hostile link that does not is dropped, never passed on.</summary>
    private static string? Usable(string url) => Uri.TryCreate(url, UriKind.Absolute, out _) ? url : null;

    internal static Uri? ToAbsolute(string? url, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        url = url.Trim();
        Uri? uri;
        if (url.StartsWith("//", StringComparison.Ordinal) && baseUrl is null) url = "https:" + url;
        if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || IsImplicitFile(uri, url))
        {
            if (baseUrl is null || !Uri.TryCreate(baseUrl, url, out uri)) return null;
        }
        return uri.Scheme is "http" or "https" && uri.Host.Length > 0 && IdnHostOf(uri) is not null ? uri : null;
    }

    /// <summary>
    /// The host in its ASCII (punycode) form, or null for a host IDN refuses (unassigned code points, which a URI
    /// accepts but <see cref="Uri.IdnHost"/> throws on): such a link cannot be followed, so it counts as no link.
    /// </summary>
    internal static string? IdnHostOf(Uri uri)
    {
        try { return uri.IdnHost; }
        catch (UriFormatException) { return null; }
    }

    /// <summary>On Unix "/news/1" parses as an absolute file URI; for a feed it is a path on the site.</summary>
    private static bool IsImplicitFile(Uri uri, string original) =>
        uri.IsFile && !original.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    private static string Build(Uri uri, bool keepFragment)
    {
        var builder = new StringBuilder(uri.OriginalString.Length + 8);
        // IdnHost drops the brackets of an IPv6 literal; Host keeps them.
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        builder.Append(uri.Scheme).Append("://").Append(host.ToLowerInvariant());
        if (!uri.IsDefaultPort) builder.Append(':').Append(uri.Port);
        builder.Append(uri.AbsolutePath);
        AppendQueryWithoutTracking(builder, uri.Query);
        if (keepFragment && uri.Fragment.Length > 1) builder.Append(uri.Fragment);
        return builder.ToString();
    }

    private static void AppendQueryWithoutTracking(StringBuilder builder, string query)
    {
        if (query.Length <= 1) return;
        bool first = true;
        foreach (var part in query.AsSpan(1).Split('&'))
        {
            var parameter = query.AsSpan(1)[part];
            if (parameter.IsEmpty) continue;
            int equals = parameter.IndexOf('=');
            var name = equals < 0 ? parameter : parameter[..equals];
            if (IsTracking(name)) continue;
            builder.Append(first ? '?' : '&').Append(parameter);
            first = false;
        }
    }

    private static bool IsTracking(ReadOnlySpan<char> name)
    {
        if (name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)) return true;
        return TrackingParameters.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);
    }

    /// <summary>The host without a leading "www.", lowercase; null for anything that is not an absolute http(s) URL.</summary>
    public static string? SiteHost(string? url)
    {
        var uri = ToAbsolute(url, null);
        return uri is null ? null : WithoutWww(uri.Host.ToLowerInvariant());
    }

    internal static string WithoutWww(string host) =>
        host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;
}
