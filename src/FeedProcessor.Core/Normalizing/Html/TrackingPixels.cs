using AngleSharp.Dom;

namespace FeedProcessor.Core.Normalizing.Html;

/// <summary>Recognizes images that only exist to report a view: 1×1 pixels and beacons of known counters.</summary>
internal static class TrackingPixels
{
    private static readonly string[] TrackerHosts =
    [
        "doubleclick.net", "google-analytics.com", "googletagmanager.com", "googlesyndication.com",
        "mc.yandex.ru", "mc.yandex.kz", "bs.yandex.ru", "top-fwz1.mail.ru", "top.mail.ru", "counter.yadro.ru",
        "counter.rambler.ru", "tns-counter.ru", "scorecardresearch.com", "quantserve.com", "pixel.wp.com",
        "stats.wordpress.com", "feedburner.com", "feedblitz.com", "hit.gemius.pl", "gemius.pl", "analytics.twitter.com",
        "ct.pinterest.com", "px.ads.linkedin.com", "bat.bing.com", "matomo.cloud", "mixpanel.com",
    ];

    public static bool IsTrackingImage(IElement image) =>
        IsTrackingImage(image.GetAttribute("width"), image.GetAttribute("height"), image.GetAttribute("src"));

    public static bool IsTrackingImage(string? width, string? height, string? src)
    {
        if (IsTinyDimension(width) || IsTinyDimension(height)) return true;
        return src is not null && IsTrackerUrl(src);
    }

    public static bool IsTrackerUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        if (Urls.UrlCleaner.IdnHostOf(uri) is not { } host) return false;
        if (host.StartsWith("pixel.", StringComparison.OrdinalIgnoreCase)) return true;
        if (IsHostOrSubdomain(host, "facebook.com") && uri.AbsolutePath.StartsWith("/tr", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var tracker in TrackerHosts)
            if (IsHostOrSubdomain(host, tracker)) return true;
        return false;
    }

    private static bool IsHostOrSubdomain(string host, string domain) =>
        host.Equals(domain, StringComparison.OrdinalIgnoreCase)
        || (host.Length > domain.Length && host[host.Length - domain.Length - 1] == '.'
            && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase));

    private static bool IsTinyDimension(string? value)
    {
        if (value is null) return false;
        var number = value.AsSpan().Trim();
        if (number.EndsWith("px", StringComparison.OrdinalIgnoreCase)) number = number[..^2].TrimEnd();
        return number is "0" or "1";
    }
}
