namespace FeedProcessor.Core.Storage;

/// <summary>The containers FeedProcessor uses; the same names in Azure and in the local folder store.</summary>
public static class Containers
{
    /// <summary>One blob per new fetched item: `{sourceId}/{itemKey}.json`, or a scraped text article.</summary>
    public const string Raw = "raw";
    /// <summary>Normalized article JSON: `{articleId}.json`.</summary>
    public const string Articles = "articles";
    /// <summary>Fetch state per source (`sources/{sourceId}.json`) and poll leases.</summary>
    public const string State = "state";
    /// <summary>Where the former single-blob feed index (`feed.json`) lived; read only to replace it (<see cref="Index.IndexRebuild"/>).</summary>
    public const string Index = "index";
    /// <summary>Raw blobs that could not be normalized after bounded retries, with the reason.</summary>
    public const string Poison = "poison";
    /// <summary>Operator configuration, e.g. `sources.json` in Azure.</summary>
    public const string Config = "config";
    /// <summary>
    /// Where Event Grid puts blob events it could not deliver (JSON arrays of events under
    /// `{topic}/{subscription}/{yyyy}/{MM}/{dd}/{HH}/{guid}.json`); the reconciliation sweep replays and removes them.
    /// </summary>
    public const string DeadLetter = "deadletter";

    public static readonly string[] All = [Raw, Articles, State, Index, Poison, Config, DeadLetter];
}
