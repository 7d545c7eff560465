using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using FeedProcessor.Core.Normalizing.Duplicates;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// The index in Azure Table Storage (the same account and identity as the blobs). Every article has a few small
/// entities of its own, each holding what a feed item needs from the index:
/// <list type="bullet">
/// <item>`id_{2 chars}` / `{id}`: found by id (one point read);</item>
/// <item>`hour_{inverted hour}` / `{inverted ticks}_{id}`: the whole feed. Hours are inverted so that one range query
/// across partitions returns the newest first. A partition holds one hour, so that a newcomer's neighbours are read
/// from the one or two partitions around its time, however busy the day (a day of 200,000 articles is 8,000 an
/// hour), and every hour's writes go to their own partition;</item>
/// <item>`src_{source}`, `lang_{primary tag}`, `cat_{hash of category}` with the same row key: a filtered feed is a
/// range read of one partition per source, language or category, complete over everything retained;</item>
/// <item>`story_{hash of a key}` with the same row key, for each of the article's
/// <see cref="StoryFingerprint.ExactKeys"/> (its canonical URL, its title): a copy of the story published hours later
/// by another source is found by one range read of that partition, however many articles lie between the two;</item>
/// <item>`chg_{hour}` / `{inverted ticks}_{guid}`: one new entity per change, never rewritten; the newest one is the
/// index version a server checks (one query) before using a cached response.</item>
/// </list>
/// Adding an article writes at most 7 + (its categories) entities and rewrites none shared with other articles. A read stops
/// after examining <see cref="ScanBudget"/> entities (<see cref="TextScanBudget"/> for <c>q=</c>, which is matched
/// on the title and the first <see cref="TextLength"/> characters of the text) and says where it stopped.
/// </summary>
public sealed class TableArticleIndex : IArticleIndex
{
    public const string DefaultTableName = "feedindex";
    public const int ScanBudget = 2_000;
    public const int TextScanBudget = 10_000;
    public const int TextLength = 2_000;
    private const string TimePrefix = "hour_";
    /// <summary>The feed's partitions before they were hourly: one a day. A table that has them is rebuilt, and they are then deleted.</summary>
    private const string LegacyDayPrefix = "all_";
    /// <summary>
    /// Marks a table built with the current layout: hourly feed partitions and story-key partitions. A table marked
    /// otherwise (`built`: day partitions; `built-hourly`: no story keys) is built again from the stored articles.
    /// </summary>
    private const string BuiltMarker = "built-storykeys";
    private const long MaxTicks = 3155378975999999999; // DateTimeOffset.MaxValue.UtcTicks
    private static readonly string[] EntryColumns = ["Id", "SourceId", "SortTicks", "Language", "Categories", "Title", "Url", "FirstSeen", "Updated", "Also", "HasText", "TitleKey", "SimHash", "Numbers", "CanonicalUrl"];
    private static readonly string[] EntryColumnsWithText = [.. EntryColumns, "Text"];

    private readonly TableClient _table;
    private Lazy<Task> _created;

    public TableArticleIndex(TableServiceClient service, string tableName = DefaultTableName)
    {
        _table = service.GetTableClient(tableName);
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
        Description = $"Azure Table {service.AccountName}/{tableName}";
    }

    public string Description { get; }

    private async Task<TableClient> TableAsync()
    {
        var created = _created;
        try
        {
            await created.Value.ConfigureAwait(false);
        }
        catch
        {
            // Storage was down when the table was first asked for: ask again next time, not never.
            Interlocked.CompareExchange(ref _created, new Lazy<Task>(() => _table.CreateIfNotExistsAsync()), created);
            throw;
        }
        return _table;
    }

    /// <summary>
    /// Runs a read or write, and when the table is gone (deleted by an operator, or lost by a storage emulator's
    /// restart) creates it again and runs it once more, as the blob stores do with a missing container. A table
    /// created again is empty and unmarked, so the next poll's maintenance rebuilds it from the stored articles.
    /// </summary>
    private async Task<T> WithTableAsync<T>(Func<TableClient, Task<T>> operation)
    {
        var table = await TableAsync().ConfigureAwait(false);
        try
        {
            return await operation(table).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404 && e.ErrorCode == "TableNotFound")
        {
            await table.CreateIfNotExistsAsync().ConfigureAwait(false);
            return await operation(table).ConfigureAwait(false);
        }
    }

    private Task WithTableAsync(Func<TableClient, Task> operation) =>
        WithTableAsync(async table => { await operation(table).ConfigureAwait(false); return true; });

    public Task<IndexEntry?> FindAsync(string id, CancellationToken cancellationToken = default) => WithTableAsync(async table =>
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(IdPartition(id), id, EntryColumns, cancellationToken).ConfigureAwait(false);
        return found.HasValue ? ToEntry(found.Value!) : null;
    });

    public Task<IReadOnlyList<IndexEntry>> NearAsync(DateTimeOffset around, TimeSpan span, int max, CancellationToken cancellationToken = default) => WithTableAsync<IReadOnlyList<IndexEntry>>(async table =>
    {
        var at = around.UtcTicks;
        var from = Math.Min(at + span.Ticks, MaxTicks);
        var to = Math.Max(at - span.Ticks, 0);
        // Older neighbours come nearest first; newer ones within the span, up to the other half.
        var older = $"PartitionKey ge '{TimePartition(at)}' and PartitionKey le '{TimePartition(to)}' and RowKey ge '{Inverted(at)}' and RowKey le '{Inverted(to)}_~'";
        var newer = $"PartitionKey ge '{TimePartition(from)}' and PartitionKey le '{TimePartition(at)}' and RowKey ge '{Inverted(from)}' and RowKey lt '{Inverted(at)}'";
        var near = new List<IndexEntry>();
        foreach (var filter in new[] { older, newer })
        {
            var limit = filter == older ? (max + 1) / 2 : max - near.Count;
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, Math.Min(limit, 1000), EntryColumns, cancellationToken).ConfigureAwait(false))
            {
                if (near.Count >= (filter == older ? limit : max)) break;
                near.Add(ToEntry(entity));
            }
        }
        return near;
    });

    public Task<IReadOnlyList<IndexEntry>> SharingKeysAsync(StoryFingerprint story, DateTimeOffset around, TimeSpan span, int max, CancellationToken cancellationToken = default) => WithTableAsync<IReadOnlyList<IndexEntry>>(async table =>
    {
        var at = around.UtcTicks;
        var rows = $"RowKey ge '{Inverted(Math.Min(at + span.Ticks, MaxTicks))}' and RowKey le '{Inverted(Math.Max(at - span.Ticks, 0))}_~'";
        var perKey = await Task.WhenAll(story.ExactKeys.Select(async key =>
        {
            var found = new List<IndexEntry>();
            await foreach (var entity in table.QueryAsync<TableEntity>($"PartitionKey eq '{StoryPartition(key)}' and {rows}", Math.Min(max, 1000), EntryColumns, cancellationToken).ConfigureAwait(false))
            {
                if (found.Count >= max) break;
                found.Add(ToEntry(entity));
            }
            return found;
        })).ConfigureAwait(false);
        return [.. perKey.SelectMany(found => found).DistinctBy(e => e.Id).OrderBy(e => Math.Abs(e.SortTime.UtcTicks - at)).Take(max)];
    });

    public Task PutAsync(IndexEntry entry, IndexEntry? previous, CancellationToken cancellationToken = default) =>
        WithTableAsync(table => PutAsync(table, entry, previous, cancellationToken));

    private static async Task PutAsync(TableClient table, IndexEntry entry, IndexEntry? previous, CancellationToken cancellationToken)
    {
        var rows = RowKeys(entry);
        var writes = new List<Task>(rows.Count + 3);
        if (previous is not null)
            foreach (var stale in RowKeys(previous).Except(rows))
                writes.Add(DeleteAsync(table, stale, cancellationToken));
        writes.Add(table.UpsertEntityAsync(ToEntity(entry, IdPartition(entry.Id), entry.Id), TableUpdateMode.Replace, cancellationToken));
        writes.AddRange(rows.Select(key => (Task)table.UpsertEntityAsync(ToEntity(entry, key.Partition, key.Row), TableUpdateMode.Replace, cancellationToken)));
        writes.Add(RecordChangeAsync(table, cancellationToken));
        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    public Task RemoveAsync(IndexEntry entry, CancellationToken cancellationToken = default) =>
        WithTableAsync(table => RemoveAsync(table, entry, cancellationToken));

    private static async Task RemoveAsync(TableClient table, IndexEntry entry, CancellationToken cancellationToken)
    {
        var deletes = RowKeys(entry).Select(key => DeleteAsync(table, key, cancellationToken)).ToList();
        deletes.Add(DeleteAsync(table, (IdPartition(entry.Id), entry.Id), cancellationToken));
        deletes.Add(RecordChangeAsync(table, cancellationToken));
        await Task.WhenAll(deletes).ConfigureAwait(false);
    }

    private static async Task DeleteAsync(TableClient table, (string Partition, string Row) key, CancellationToken cancellationToken)
    {
        try { await table.DeleteEntityAsync(key.Partition, key.Row, ETag.All, cancellationToken).ConfigureAwait(false); }
        catch (RequestFailedException e) when (e.Status == 404) { }
    }

    private static Task RecordChangeAsync(TableClient table, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        return table.AddEntityAsync(new TableEntity(ChangePartition(now), $"{Inverted(now.UtcTicks)}_{Guid.NewGuid():N}"), cancellationToken);
    }

    public Task<IndexPage> ReadAsync(IndexFilter filter, IndexPosition? after, int max, CancellationToken cancellationToken = default) => WithTableAsync(async table =>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var budget = filter.Text is null ? ScanBudget : TextScanBudget;
        if (filter.Sources.Count == 0)
        {
            var partition = filter.Category is { } category ? CategoryPartition(category)
                : filter.Language is { } language ? LanguagePartition(language)
                : null;
            var query = partition is null ? TimeRange(after, filter.Since) : PartitionRange(partition, after);
            var (entries, stoppedAt) = await ScanAsync(table, query, filter, max, budget, cancellationToken).ConfigureAwait(false);
            return new IndexPage(entries, stoppedAt);
        }

        // One range read per source, merged: the page is valid up to the earliest place any source's read stopped.
        var scans = await Task.WhenAll(filter.Sources.Select(source =>
            ScanAsync(table, PartitionRange(SourcePartition(source), after), filter, max, Math.Max(max, budget / filter.Sources.Count), cancellationToken))).ConfigureAwait(false);
        IndexPosition? frontier = null;
        foreach (var (_, stoppedAt) in scans)
            if (stoppedAt is { } stop && (frontier is null || IndexPosition.Compare(stop, frontier.Value) < 0)) frontier = stop;
        var merged = scans.SelectMany(s => s.Entries)
            .Where(e => frontier is null || IndexPosition.Compare(e.Position, frontier.Value) <= 0)
            .OrderBy(e => e.Position, Comparer<IndexPosition>.Create(IndexPosition.Compare))
            .Take(max).ToList();
        return new IndexPage(merged, merged.Count >= max ? merged[^1].Position : frontier);
    });

    /// <summary>Reads in feed order, keeping what <paramref name="filter"/> matches, until <paramref name="max"/> matched, the budget is spent, or the range ends.</summary>
    private static async Task<(List<IndexEntry> Entries, IndexPosition? StoppedAt)> ScanAsync(TableClient table, string query, IndexFilter filter, int max, int budget,
        CancellationToken cancellationToken)
    {
        var entries = new List<IndexEntry>();
        var scanned = 0;
        var columns = filter.Text is null ? EntryColumns : EntryColumnsWithText;
        await foreach (var entity in table.QueryAsync<TableEntity>(query, Math.Min(1000, Math.Max(max, 100)), columns, cancellationToken).ConfigureAwait(false))
        {
            var entry = ToEntry(entity);
            if (filter.Since is { } since && entry.SortTime < since) return (entries, null);
            scanned++;
            if (filter.Matches(entry))
            {
                entries.Add(entry);
                if (entries.Count >= max) return (entries, entry.Position);
            }
            if (scanned >= budget) return (entries, entry.Position);
        }
        return (entries, null);
    }

    private static string TimeRange(IndexPosition? after, DateTimeOffset? since)
    {
        var upper = since is { } s ? $" and PartitionKey le '{TimePartition(s.UtcTicks)}'" : $" and PartitionKey lt '{TimePrefix}~'";
        if (after is not { } position) return $"PartitionKey ge '{TimePrefix}'" + upper;
        var partition = TimePartition(position.SortTicks);
        return $"((PartitionKey eq '{partition}' and RowKey gt '{RowKey(position)}') or PartitionKey gt '{partition}')" + upper;
    }

    private static string PartitionRange(string partition, IndexPosition? after) =>
        after is { } position ? $"PartitionKey eq '{partition}' and RowKey gt '{RowKey(position)}'" : $"PartitionKey eq '{partition}'";

    public Task<string> VersionAsync(CancellationToken cancellationToken = default) => WithTableAsync(async table =>
    {
        var now = DateTimeOffset.UtcNow;
        // A change lands in the partition of its hour: looking at this hour and the last one finds any change since the last check.
        foreach (var hour in new[] { now, now.AddHours(-1) })
            await foreach (var change in table.QueryAsync<TableEntity>($"PartitionKey eq '{ChangePartition(hour)}'", 1, ["RowKey"], cancellationToken).ConfigureAwait(false))
                return $"\"{change.RowKey}\"";
        return $"\"quiet-{ChangePartition(now.AddHours(-1))}\"";
    });

    public async IAsyncEnumerable<IndexEntry> OlderThanAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var table = await TableAsync().ConfigureAwait(false);
        // The change records a server compares are at most two hours old; older ones go with the sweep.
        await foreach (var change in table.QueryAsync<TableEntity>($"PartitionKey ge 'chg_' and PartitionKey lt '{ChangePartition(DateTimeOffset.UtcNow.AddDays(-2))}'",
                           1000, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
            await DeleteAsync(table, (change.PartitionKey, change.RowKey), cancellationToken).ConfigureAwait(false);
        // Whole hours before the cutoff's hour, newest first; the hour of the cutoff goes at the next sweep.
        await foreach (var entity in table.QueryAsync<TableEntity>($"PartitionKey gt '{TimePartition(cutoff.UtcTicks)}' and PartitionKey lt '{TimePrefix}~'",
                           1000, EntryColumns, cancellationToken).ConfigureAwait(false))
            yield return ToEntry(entity);
    }

    public Task<bool> IsBuiltAsync(CancellationToken cancellationToken = default) => WithTableAsync(async table =>
    {
        return (await table.GetEntityIfExistsAsync<TableEntity>("meta", BuiltMarker, ["RowKey"], cancellationToken).ConfigureAwait(false)).HasValue;
    });

    public Task MarkBuiltAsync(CancellationToken cancellationToken = default) => WithTableAsync(async table =>
    {
        // The rebuild has written every article's hourly entity; the day partitions of the former layout go now.
        await foreach (var legacy in table.QueryAsync<TableEntity>($"PartitionKey ge '{LegacyDayPrefix}' and PartitionKey lt '{LegacyDayPrefix}~'",
                           1000, ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
            await DeleteAsync(table, (legacy.PartitionKey, legacy.RowKey), cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity("meta", BuiltMarker) { ["At"] = DateTimeOffset.UtcNow }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    });

    // Keys. Row keys order an entry by inverted ticks then id, so that ascending order is the feed's order.

    private static string Inverted(long ticks) => (MaxTicks - ticks).ToString("D19", CultureInfo.InvariantCulture);

    private static string RowKey(IndexPosition position) => $"{Inverted(position.SortTicks)}_{position.Id}";

    private static string TimePartition(long ticks) =>
        TimePrefix + (9_999_999_999 - long.Parse(new DateTime(ticks, DateTimeKind.Utc).ToString("yyyyMMddHH", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
            .ToString("D10", CultureInfo.InvariantCulture);

    private static string ChangePartition(DateTimeOffset at) => "chg_" + at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static string IdPartition(string id) => "id_" + (id.Length >= 2 ? id[..2] : id);

    private static string SourcePartition(string sourceId) => "src_" + KeySafe(sourceId.ToLowerInvariant());

    private static string? LanguagePartition(string? language) =>
        language is null || IndexFilter.PrimaryLanguage(language) is not { Length: > 0 and <= 8 } primary || !primary.All(char.IsAsciiLetterOrDigit)
            ? null
            : "lang_" + primary;

    private static string CategoryPartition(string category) =>
        "cat_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(category.Trim().ToLowerInvariant())))[..20];

    private static string StoryPartition(string key) =>
        "story_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..20];

    /// <summary>Source ids are `a-z 0-9 . _ -` already; anything else is hashed rather than put into a key.</summary>
    private static string KeySafe(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') ? value : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..20];

    private static List<(string Partition, string Row)> RowKeys(IndexEntry entry)
    {
        var row = RowKey(entry.Position);
        var keys = new List<(string, string)> { (TimePartition(entry.SortTime.UtcTicks), row), (SourcePartition(entry.SourceId), row) };
        if (LanguagePartition(entry.Language) is { } language) keys.Add((language, row));
        keys.AddRange(entry.Categories.Select(c => CategoryPartition(c)).Distinct().Select(partition => (partition, row)));
        keys.AddRange(entry.Story.ExactKeys.Select(key => (StoryPartition(key), row)));
        return keys;
    }

    private static TableEntity ToEntity(IndexEntry entry, string partition, string row) => new(partition, row)
    {
        ["Id"] = entry.Id,
        ["SourceId"] = entry.SourceId,
        ["SortTicks"] = entry.SortTime.UtcTicks,
        ["Language"] = entry.Language,
        ["Categories"] = JsonSerializer.Serialize(entry.Categories),
        ["Title"] = Cut(entry.Title, 4_000),
        ["Url"] = Cut(entry.Url, 4_000),
        ["FirstSeen"] = entry.FirstSeen.ToString("O", CultureInfo.InvariantCulture),
        ["Updated"] = entry.Updated?.ToString("O", CultureInfo.InvariantCulture),
        ["Also"] = JsonSerializer.Serialize(entry.AlsoPublishedBy),
        ["HasText"] = entry.Story.HasText,
        ["TitleKey"] = Cut(entry.Story.TitleKey, 4_000),
        ["SimHash"] = unchecked((long)entry.Story.SimHash),
        ["Numbers"] = entry.Story.Numbers,
        ["CanonicalUrl"] = Cut(entry.Story.CanonicalUrl, 4_000),
        ["Text"] = Cut(entry.Text, TextLength),
    };

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private static IndexEntry ToEntry(TableEntity entity) => new()
    {
        Id = entity.GetString("Id"),
        SourceId = entity.GetString("SourceId"),
        SortTime = new DateTimeOffset(entity.GetInt64("SortTicks") ?? 0, TimeSpan.Zero),
        Language = entity.GetString("Language"),
        Categories = JsonSerializer.Deserialize<List<string>>(entity.GetString("Categories") ?? "[]") ?? [],
        Title = entity.GetString("Title") ?? "",
        Url = entity.GetString("Url"),
        FirstSeen = DateTimeOffset.Parse(entity.GetString("FirstSeen"), CultureInfo.InvariantCulture),
        Updated = entity.GetString("Updated") is { } updated ? DateTimeOffset.Parse(updated, CultureInfo.InvariantCulture) : null,
        AlsoPublishedBy = JsonSerializer.Deserialize<List<string>>(entity.GetString("Also") ?? "[]") ?? [],
        Story = new StoryFingerprint(entity.GetString("CanonicalUrl"), entity.GetBoolean("HasText") ?? false, entity.GetString("TitleKey") ?? "",
            unchecked((ulong)(entity.GetInt64("SimHash") ?? 0)), entity.GetString("Numbers") ?? ""),
        Text = entity.GetString("Text") ?? "",
    };
}
