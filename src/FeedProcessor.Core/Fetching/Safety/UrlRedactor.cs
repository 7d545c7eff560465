using System.Text;

namespace FeedProcessor.Core.Fetching.Safety;

/// <summary>Makes a URL safe to log or show: drops user-info and masks the values of credential-like query parameters, drops the fragment.</summary>
public static class UrlRedactor
{
    public const string Mask = "REDACTED";

    private static readonly string[] SecretNames =
        ["key", "token", "sig", "signature", "code", "password", "passwd", "pwd", "secret", "apikey", "api_key", "access_token", "auth", "session"];

    /// <summary>Suffixes that mark compound names as secret; short words like "code" would also hit "postcode".</summary>
    private static readonly string[] SecretSuffixes = ["token", "secret", "signature", "password", "apikey", "api_key"];

    public static string Redact(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri) return url.OriginalString;
        var builder = new UriBuilder(url) { UserName = "", Password = "", Fragment = "" };
        if (url.Query.Length > 1) builder.Query = RedactQuery(url.Query[1..]);
        // UriBuilder keeps default ports explicit; the original form is what people recognise.
        if (url.IsDefaultPort) builder.Port = -1;
        return builder.Uri.AbsoluteUri;
    }

    private static string RedactQuery(string query)
    {
        var result = new StringBuilder(query.Length);
        foreach (var pair in query.Split('&'))
        {
            if (result.Length > 0) result.Append('&');
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair[..equals];
            if (equals >= 0 && IsSecretName(Uri.UnescapeDataString(name)))
                result.Append(name).Append('=').Append(Mask);
            else
                result.Append(pair);
        }
        return result.ToString();
    }

    /// <summary>Exact names plus compounds like "X-Amz-Signature", "client_secret", "sessionToken".</summary>
    private static bool IsSecretName(string name)
    {
        var normalized = name.ToLowerInvariant().Replace("-", "_");
        return SecretNames.Contains(normalized)
            || SecretSuffixes.Any(suffix => normalized.EndsWith(suffix, StringComparison.Ordinal));
    }
}
