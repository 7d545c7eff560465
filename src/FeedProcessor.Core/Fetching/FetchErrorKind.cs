namespace FeedProcessor.Core.Fetching;

/// <summary>
/// Machine-readable failure kinds, stored in <see cref="SourceFetchState.LastStatus"/> when no HTTP status applies.
/// HTTP failures store the status code instead ("404", "503").
/// </summary>
public static class FetchErrorKind
{
    public const string Http = "http";
    public const string Timeout = "timeout";
    public const string Dns = "dns";
    public const string RefusedAddress = "refused-address";
    public const string BadUrl = "bad-url";
    public const string TooLarge = "too-large";
    public const string TooManyRedirects = "too-many-redirects";
    public const string RedirectLoop = "redirect-loop";
    public const string Tls = "tls";
    public const string Connection = "connection";
    public const string BadEncoding = "bad-encoding";
    public const string EmptyBody = "empty-body";
    public const string NotAFeed = "not-a-feed";
    public const string ParseError = "parse-error";
    public const string Unexpected = "unexpected";
}
