using System.Text;

namespace FeedProcessor.Core.Publishing.Http;

/// <summary>
/// Escapes a query value as people write it: RFC 3986 query characters stay literal ("source=a,b", not "a%2Cb");
/// '&amp;', '=', '+', '#', '%', spaces and non-ASCII are percent-encoded as UTF-8.
/// </summary>
public static class QueryEscaping
{
    public static void AppendEscaped(StringBuilder target, string value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '!' or '$' or '\'' or '(' or ')' or '*' or ',' or ';' or ':' or '@' or '/' or '?')
            {
                target.Append(c);
                continue;
            }
            var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])
                ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length]) target.Append('%').Append(b.ToString("X2"));
        }
    }
}
