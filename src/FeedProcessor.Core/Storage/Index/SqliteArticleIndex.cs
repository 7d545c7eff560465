using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FeedProcessor.Core.Normalizing.Duplicates;
using Microsoft.Data.Sqlite;

namespace FeedProcessor.Core.Storage.Index;

/// <summary>
/// The index of the folder store (`--store DIR`): an embedded SQLite database, `index.db` in the store's folder.
/// Entries are rows ordered by (sort time, id) with an index per filter; the whole text of every article is in an
/// FTS5 trigram table, so <c>q=</c> is a substring search over everything retained. WAL mode lets several local
/// processes share it.
/// </summary>
public sealed class SqliteArticleIndex : IArticleIndex
{
    public const string FileName = "index.db";
    private const string Columns = "id, source, sort_ticks, language, categories, title, url, first_seen, updated, also, has_text, title_key, simhash, numbers, canonical_url";

    private readonly string _connectionString;

    public SqliteArticleIndex(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        Description = $"SQLite index {Path.GetFullPath(path)}";
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS entries (
                id TEXT PRIMARY KEY, source TEXT NOT NULL, sort_ticks INTEGER NOT NULL, language TEXT, lang_primary TEXT,
                categories TEXT NOT NULL, title TEXT NOT NULL, url TEXT, first_seen TEXT NOT NULL, updated TEXT, also TEXT NOT NULL,
                has_text INTEGER NOT NULL, title_key TEXT NOT NULL, simhash INTEGER NOT NULL, numbers TEXT NOT NULL, canonical_url TEXT);
            CREATE INDEX IF NOT EXISTS entries_by_time ON entries (sort_ticks DESC, id);
            CREATE INDEX IF NOT EXISTS entries_by_source ON entries (source, sort_ticks DESC, id);
            CREATE INDEX IF NOT EXISTS entries_by_language ON entries (lang_primary, sort_ticks DESC, id);
            CREATE INDEX IF NOT EXISTS entries_by_canonical_url ON entries (canonical_url, sort_ticks);
            CREATE INDEX IF NOT EXISTS entries_by_title_key ON entries (title_key, sort_ticks);
            CREATE TABLE IF NOT EXISTS entry_categories (category TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (category, id));
            CREATE INDEX IF NOT EXISTS entry_categories_by_id ON entry_categories (id);
            CREATE VIRTUAL TABLE IF NOT EXISTS entry_text USING fts5 (id UNINDEXED, body, tokenize = 'trigram');
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT OR IGNORE INTO meta (key, value) VALUES ('version', '0');
            """);
    }

    /// <summary>The index of a folder store.</summary>
    public static SqliteArticleIndex ForFolder(string folder) => new(Path.Combine(folder, FileName));

    public string Description { get; }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // WAL with synchronous=NORMAL: a commit survives a crash of the process, and costs no fsync of its own.
        Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public Task<IndexEntry?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        return Task.FromResult(Query(connection, $"SELECT {Columns} FROM entries WHERE id = $id", ("$id", id)).FirstOrDefault());
    }

    public Task<IReadOnlyList<IndexEntry>> NearAsync(DateTimeOffset around, TimeSpan span, int max, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        var ticks = around.UtcTicks;
        IReadOnlyList<IndexEntry> near = Query(connection,
            $"SELECT {Columns} FROM entries WHERE sort_ticks BETWEEN $from AND $to ORDER BY abs(sort_ticks - $at) LIMIT $max",
            ("$from", ticks - span.Ticks), ("$to", ticks + span.Ticks), ("$at", ticks), ("$max", max));
        return Task.FromResult(near);
    }

    public Task<IReadOnlyList<IndexEntry>> SharingKeysAsync(StoryFingerprint story, DateTimeOffset around, TimeSpan span, int max, CancellationToken cancellationToken = default)
    {
        // The keys are columns here, each with its own index.
        var (byUrl, byTitle) = (story.CanonicalUrl, story.SpecificTitleKey);
        if (byUrl is null && byTitle is null) return Task.FromResult<IReadOnlyList<IndexEntry>>([]);
        using var connection = Open();
        var ticks = around.UtcTicks;
        IReadOnlyList<IndexEntry> found = Query(connection,
            $"""
            SELECT {Columns} FROM entries WHERE sort_ticks BETWEEN $from AND $to
              AND (canonical_url = $url OR (title_key = $title AND has_text = 1))
            ORDER BY abs(sort_ticks - $at) LIMIT $max
            """,
            ("$from", ticks - span.Ticks), ("$to", ticks + span.Ticks), ("$at", ticks), ("$max", max), ("$url", byUrl), ("$title", byTitle));
        return Task.FromResult(found);
    }

    public Task PutAsync(IndexEntry entry, IndexEntry? previous, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        // The text row shares the entry's rowid: found by it, not by the FTS table's unindexed id column, which would
        // scan the whole table on every write (a first import of 20,000 articles took minutes instead of seconds).
        Execute(connection, "DELETE FROM entry_text WHERE rowid IN (SELECT rowid FROM entries WHERE id = $id)", transaction, ("$id", entry.Id));
        Execute(connection, $"INSERT OR REPLACE INTO entries ({Columns}, lang_primary) VALUES ($id, $source, $sort, $language, $categories, $title, $url, $firstSeen, $updated, $also, $hasText, $titleKey, $simhash, $numbers, $canonical, $primary)",
            transaction,
            ("$id", entry.Id), ("$source", entry.SourceId), ("$sort", entry.SortTime.UtcTicks), ("$language", entry.Language),
            ("$categories", JsonSerializer.Serialize(entry.Categories)), ("$title", entry.Title), ("$url", entry.Url),
            ("$firstSeen", entry.FirstSeen.ToString("O", CultureInfo.InvariantCulture)), ("$updated", entry.Updated?.ToString("O", CultureInfo.InvariantCulture)),
            ("$also", JsonSerializer.Serialize(entry.AlsoPublishedBy)), ("$hasText", entry.Story.HasText ? 1 : 0), ("$titleKey", entry.Story.TitleKey),
            ("$simhash", unchecked((long)entry.Story.SimHash)), ("$numbers", entry.Story.Numbers), ("$canonical", entry.Story.CanonicalUrl),
            ("$primary", entry.Language is null ? null : IndexFilter.PrimaryLanguage(entry.Language)));
        Execute(connection, "DELETE FROM entry_categories WHERE id = $id;", transaction, ("$id", entry.Id));
        foreach (var category in entry.Categories)
            Execute(connection, "INSERT OR IGNORE INTO entry_categories (category, id) VALUES ($category, $id)", transaction,
                ("$category", category.Trim().ToLowerInvariant()), ("$id", entry.Id));
        Execute(connection, "INSERT INTO entry_text (rowid, id, body) VALUES ((SELECT rowid FROM entries WHERE id = $id), $id, $body)", transaction,
            ("$id", entry.Id), ("$body", entry.Title + "\n" + entry.Text));
        Bump(connection, transaction);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task RemoveAsync(IndexEntry entry, CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "DELETE FROM entry_text WHERE rowid IN (SELECT rowid FROM entries WHERE id = $id); DELETE FROM entries WHERE id = $id; DELETE FROM entry_categories WHERE id = $id;",
            transaction, ("$id", entry.Id));
        Bump(connection, transaction);
        transaction.Commit();
        return Task.CompletedTask;
    }

    private static void Bump(SqliteConnection connection, SqliteTransaction transaction) =>
        Execute(connection, "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'", transaction);

    public Task<IndexPage> ReadAsync(IndexFilter filter, IndexPosition? after, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("$max", max) };
        if (after is { } position)
        {
            where.Add("(sort_ticks < $afterTicks OR (sort_ticks = $afterTicks AND id > $afterId))");
            parameters.Add(("$afterTicks", position.SortTicks));
            parameters.Add(("$afterId", position.Id));
        }
        if (filter.Since is { } since)
        {
            where.Add("sort_ticks >= $since");
            parameters.Add(("$since", since.UtcTicks));
        }
        if (filter.Sources.Count > 0)
        {
            where.Add($"source IN ({string.Join(", ", filter.Sources.Select((_, i) => "$source" + i))})");
            parameters.AddRange(filter.Sources.Select((source, i) => ("$source" + i, (object?)source.ToLowerInvariant())));
        }
        if (filter.Language is { } language)
        {
            where.Add("lang_primary = $primary AND (lower(language) = lower($language) OR lower(substr(language, 1, length($language) + 1)) = lower($language) || '-')");
            parameters.Add(("$primary", IndexFilter.PrimaryLanguage(language)));
            parameters.Add(("$language", language));
        }
        if (filter.Category is { } category)
        {
            where.Add("id IN (SELECT id FROM entry_categories WHERE category = $category)");
            parameters.Add(("$category", category.Trim().ToLowerInvariant()));
        }
        if (filter.Text is { Length: >= 3 } text)
        {
            // The trigram tokenizer matches a quoted string as a case-insensitive substring.
            where.Add("id IN (SELECT id FROM entry_text WHERE entry_text MATCH $text)");
            parameters.Add(("$text", "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        }
        else if (filter.Text is { } shortText)
        {
            where.Add("id IN (SELECT id FROM entry_text WHERE instr(lower(body), lower($text)) > 0)");
            parameters.Add(("$text", shortText));
        }

        using var connection = Open();
        var sql = $"SELECT {Columns} FROM entries {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")} ORDER BY sort_ticks DESC, id LIMIT $max";
        var entries = Query(connection, sql, [.. parameters]);
        return Task.FromResult(new IndexPage(entries, entries.Count >= max ? entries[^1].Position : null));
    }

    public Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT value FROM meta WHERE key = 'version'", null);
        return Task.FromResult("\"sqlite-" + Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) + "\"");
    }

    public async IAsyncEnumerable<IndexEntry> OlderThanAsync(DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // In batches, each read afresh, so that the caller may remove what it was given before asking for more.
        IndexPosition? after = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<IndexEntry> batch;
            using (var connection = Open())
            {
                batch = after is { } position
                    ? Query(connection, $"SELECT {Columns} FROM entries WHERE sort_ticks < $cutoff AND (sort_ticks > $t OR (sort_ticks = $t AND id > $id)) ORDER BY sort_ticks, id LIMIT 500",
                        ("$cutoff", cutoff.UtcTicks), ("$t", position.SortTicks), ("$id", position.Id))
                    : Query(connection, $"SELECT {Columns} FROM entries WHERE sort_ticks < $cutoff ORDER BY sort_ticks, id LIMIT 500", ("$cutoff", cutoff.UtcTicks));
            }
            foreach (var entry in batch) yield return entry;
            if (batch.Count < 500) yield break;
            after = batch[^1].Position;
            await Task.Yield();
        }
    }

    public Task<bool> IsBuiltAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT count(*) FROM meta WHERE key = 'built'", null);
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0);
    }

    public Task MarkBuiltAsync(CancellationToken cancellationToken = default)
    {
        using var connection = Open();
        Execute(connection, "INSERT OR REPLACE INTO meta (key, value) VALUES ('built', $at)", null, ("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
        return Task.CompletedTask;
    }

    private static List<IndexEntry> Query(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, null, parameters);
        using var reader = command.ExecuteReader();
        var entries = new List<IndexEntry>();
        while (reader.Read())
        {
            entries.Add(new IndexEntry
            {
                Id = reader.GetString(0),
                SourceId = reader.GetString(1),
                SortTime = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                Language = reader.IsDBNull(3) ? null : reader.GetString(3),
                Categories = JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [],
                Title = reader.GetString(5),
                Url = reader.IsDBNull(6) ? null : reader.GetString(6),
                FirstSeen = DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture),
                Updated = reader.IsDBNull(8) ? null : DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
                AlsoPublishedBy = JsonSerializer.Deserialize<List<string>>(reader.GetString(9)) ?? [],
                Story = new StoryFingerprint(reader.IsDBNull(14) ? null : reader.GetString(14), reader.GetInt64(10) != 0, reader.GetString(11),
                    unchecked((ulong)reader.GetInt64(12)), reader.GetString(13)),
            });
        }
        return entries;
    }
}
