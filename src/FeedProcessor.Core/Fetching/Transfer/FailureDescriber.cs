using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using FeedProcessor.Core.Fetching.Safety;

namespace FeedProcessor.Core.Fetching.Transfer;

/// <summary>Turns transport exceptions into a failure kind and a sentence naming the (redacted) URL.</summary>
internal static class FailureDescriber
{
    public static (string Kind, string Message) Describe(Exception exception, Uri url)
    {
        var where = UrlRedactor.Redact(url);
        var host = url.IdnHost;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case AddressRefusedException refused:
                    return (FetchErrorKind.RefusedAddress, refused.Message);
                case HostResolutionException dns:
                    return (FetchErrorKind.Dns, dns.Message);
                case AuthenticationException tls:
                    return (FetchErrorKind.Tls, $"The secure connection to {host} failed: {tls.Message.TrimEnd('.')}.");
                case InvalidDataException:
                    return (FetchErrorKind.BadEncoding, $"The response from {where} could not be decompressed; the server's Content-Encoding is wrong.");
                case SocketException socket:
                    return (FetchErrorKind.Connection, $"Could not connect to {host}: {DescribeSocketError(socket.SocketErrorCode)}.");
            }
        }
        if (exception is HttpRequestException http)
        {
            return http.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => (FetchErrorKind.Dns, $"The host name {host} could not be resolved."),
                HttpRequestError.SecureConnectionError => (FetchErrorKind.Tls, $"The secure connection to {host} failed."),
                HttpRequestError.ResponseEnded => (FetchErrorKind.Connection, $"{host} closed the connection before the response to {where} was complete."),
                HttpRequestError.InvalidResponse => (FetchErrorKind.Connection, $"{host} sent a response to {where} that is not valid HTTP."),
                HttpRequestError.ConnectionError => (FetchErrorKind.Connection, $"Could not connect to {host}."),
                _ => (FetchErrorKind.Connection, $"The request to {where} failed: {http.Message.TrimEnd('.')}."),
            };
        }
        if (exception is IOException)
            return (FetchErrorKind.Connection, $"The connection to {host} broke while reading {where}.");
        return (FetchErrorKind.Unexpected, $"Fetching {where} failed unexpectedly: {exception.GetType().Name}: {exception.Message.TrimEnd('.')}.");
    }

    private static string DescribeSocketError(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "the connection was refused",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host is unreachable",
        SocketError.TimedOut => "the connection timed out",
        SocketError.ConnectionReset => "the connection was reset",
        _ => $"socket error {error}",
    };

    public static string StatusSentence(HttpStatusCode status, string? reason, string where)
    {
        var code = (int)status;
        // The phrase comes from the server: keep it short so a hostile one cannot flood the error.
        var phrase = string.IsNullOrWhiteSpace(reason) ? status.ToString() : reason.Trim();
        if (phrase.Length > 60) phrase = phrase[..60] + "…";
        return $"The server answered {code} {phrase} for {where}.";
    }
}
