namespace FeedProcessor.Core.Parsing;

/// <summary>The names used for detected formats in `feedproc parse` output and in raw blobs.</summary>
public static class FeedFormats
{
    public const string Unknown = "unknown";
    public const string Rss090 = "rss0.90";
    public const string Rss091 = "rss0.91";
    public const string Rss092 = "rss0.92";
    public const string Rss093 = "rss0.93";
    public const string Rss094 = "rss0.94";
    public const string Rss10 = "rss1.0";
    public const string Rss20 = "rss2.0";
    public const string Atom03 = "atom0.3";
    public const string Atom10 = "atom1.0";
    public const string Json10 = "json1.0";
    public const string Json11 = "json1.1";
    public const string Text = "text";
    public const string Html = "html";
}
