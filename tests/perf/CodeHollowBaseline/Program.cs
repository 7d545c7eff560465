using System.Text.Json;
using CodeHollow.FeedReader;

// Reads the whole file the way CodeHollow.FeedReader is meant to be used, then writes each item's title, link
// and date as one JSON line: the least a program reading the feed would do.
var feed = FeedReader.ReadFromFile(args[0]);
using var output = Console.OpenStandardOutput();
using var writer = new Utf8JsonWriter(output);
foreach (var item in feed.Items)
{
    writer.WriteStartObject();
    writer.WriteString("title", item.Title);
    writer.WriteString("link", item.Link);
    writer.WriteString("published", item.PublishingDateString);
    writer.WriteEndObject();
    writer.Flush();
    writer.Reset();
    output.WriteByte((byte)'\n');
}
