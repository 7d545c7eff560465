namespace FeedProcessor.Core.Parsing.Xml;

/// <summary>Namespace URIs of the feed formats and the extensions whose elements carry title, author, image or date.</summary>
internal static class XmlNamespaces
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Rss10 = "http://purl.org/rss/1.0/";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";
    public const string DublinCoreTerms = "http://purl.org/dc/terms/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string Media = "http://search.yahoo.com/mrss/";
    public const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public const string Xhtml = "http://www.w3.org/1999/xhtml";
    /// <summary>Yandex.News RSS: Russian-language government sites publish the full text in yandex:full-text.</summary>
    public const string Yandex = "http://news.yandex.ru";

    /// <summary>What a prefix conventionally means, for feeds that use it without declaring it.</summary>
    public static string ForUndeclaredPrefix(string prefix) => prefix.ToLowerInvariant() switch
    {
        "dc" => DublinCore,
        "dcterms" => DublinCoreTerms,
        "content" => Content,
        "media" => Media,
        "itunes" => Itunes,
        "atom" => Atom10,
        "rdf" => Rdf,
        "xhtml" => Xhtml,
        "yandex" => Yandex,
        "slash" => "http://purl.org/rss/1.0/modules/slash/",
        "wfw" => "http://wellformedweb.org/CommentAPI/",
        "sy" => "http://purl.org/rss/1.0/modules/syndication/",
        "georss" => "http://www.georss.org/georss",
        _ => "urn:undeclared-prefix:" + prefix,
    };

    public static bool IsDublinCore(string ns) => ns is DublinCore or DublinCoreTerms;

    /// <summary>Media RSS is published with and without the trailing slash.</summary>
    public static bool IsMedia(string ns) => ns.StartsWith("http://search.yahoo.com/mrss", StringComparison.OrdinalIgnoreCase);

    public static bool IsItunes(string ns) => ns.Equals(Itunes, StringComparison.OrdinalIgnoreCase);

    public static bool IsYandex(string ns) => ns.StartsWith("http://news.yandex.ru", StringComparison.OrdinalIgnoreCase)
        || ns.StartsWith("https://news.yandex.ru", StringComparison.OrdinalIgnoreCase);

    public static bool IsAtom(string ns) => ns is Atom10 or Atom03;
}
