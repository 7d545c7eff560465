// Interim stand-in until the normalizing stage's ArticleIdentity lands.
using System.Security.Cryptography;
using System.Text;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Core.Normalizing.Identity;

public static class ArticleIdentity
{
    public static string Compute(string sourceId, ParsedEntry entry)
    {
        var key = entry.Guid ?? entry.Link ?? (entry.Title + "|" + entry.Published + "|" + entry.ContentHtml);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId + "\n" + key)))[..16];
    }

    public static void DropRepeatedGuids(IList<ParsedEntry> entries) { }
}
