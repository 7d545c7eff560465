using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace FeedProcessor.Core.Storage;

/// <summary>
/// The embedded store for local runs: one folder per container under a root folder (default `.feedproc/`).
/// Writes are atomic (temporary file, then rename). Conditional writes and leases hold an exclusive lock file
/// per container, so several processes on one machine keep the same guarantees as Azure Blob Storage.
/// The ETag is a hash of the content, which is as strong as Azure's for optimistic concurrency.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    private const string TempPrefix = ".tmp-";
    private readonly string _root;

    public FileBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        foreach (var container in Containers.All)
            Directory.CreateDirectory(Path.Combine(_root, container));
        Directory.CreateDirectory(Path.Combine(_root, ".locks"));
        RemoveAbandonedTempFiles();
    }

    /// <summary>How old a temporary file must be before it counts as abandoned (by a killed process), not in flight.</summary>
    public static readonly TimeSpan AbandonedTempAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A process killed between writing a temporary file and renaming it leaves a `.tmp-*` file. Listing never
    /// returns them (dot names), and they are removed here once surely abandoned; a younger one may be another
    /// live process's write in flight.
    /// </summary>
    public int RemoveAbandonedTempFiles(TimeSpan? olderThan = null)
    {
        var cutoff = DateTime.UtcNow - (olderThan ?? AbandonedTempAge);
        var removed = 0;
        foreach (var container in Containers.All)
        {
            var directory = Path.Combine(_root, container);
            if (!Directory.Exists(directory)) continue;
            foreach (var temp in Directory.EnumerateFiles(directory, TempPrefix + "*", SearchOption.AllDirectories))
            {
                try
                {
                    if (File.GetLastWriteTimeUtc(temp) > cutoff) continue;
                    File.Delete(temp);
                    removed++;
                }
                catch (IOException) { /* gone already, or in use: the next start tries again */ }
                catch (UnauthorizedAccessException) { }
            }
        }
        return removed;
    }

    public string Description => $"folder {_root}";

    public async Task<StoredBlob?> ReadAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        try
        {
            var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return new StoredBlob(content, ETagOf(content), File.GetLastWriteTimeUtc(path));
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    public async Task<string?> WriteAsync(string container, string name, ReadOnlyMemory<byte> content, WriteCondition condition,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await WriteOnceAsync(container, name, content, condition, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryNotFoundException)
        {
            // The container's folder (or the lock folder) was deleted under us, even mid-write: create it again and retry once.
            return await WriteOnceAsync(container, name, content, condition, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string?> WriteOnceAsync(string container, string name, ReadOnlyMemory<byte> content, WriteCondition condition,
        CancellationToken cancellationToken)
    {
        var path = PathOf(container, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, TempPrefix + Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(temp, content.ToArray(), cancellationToken).ConfigureAwait(false);
        try
        {
            if (condition.Kind == WriteConditionKind.None)
            {
                File.Move(temp, path, overwrite: true);
                return ETagOf(content.Span);
            }
            await using var _ = await ContainerLock.AcquireAsync(LockPath(container), cancellationToken).ConfigureAwait(false);
            var holds = condition.Kind switch
            {
                WriteConditionKind.IfNotExists => !File.Exists(path),
                WriteConditionKind.IfMatch => File.Exists(path) && ETagOf(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)) == condition.ETag,
                _ => true,
            };
            if (!holds) return null;
            File.Move(temp, path, overwrite: true);
            return ETagOf(content.Span);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string? prefix = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        BlobNames.ValidateContainer(container);
        var directory = Path.Combine(_root, container);
        if (!Directory.Exists(directory)) yield break;
        var names = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => !name.Split('/').Any(segment => segment.StartsWith('.')))
            .Where(name => prefix is null || name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return name;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(container, name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    public async Task<IBlobLease?> TryAcquireLeaseAsync(string container, string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var leasePath = LeasePath(container, name);
        Directory.CreateDirectory(Path.GetDirectoryName(leasePath)!);
        await using var _ = await ContainerLock.AcquireAsync(LockPath(container), cancellationToken).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        if (File.Exists(leasePath) && ReadLease(leasePath) is { } held && held.Expires > now && !held.HolderIsGone())
            return null;
        var lease = LeaseRecord.Take(now + duration);
        await File.WriteAllTextAsync(leasePath, JsonSerializer.Serialize(lease, StoredJson.Options), cancellationToken).ConfigureAwait(false);
        return new FileLease(this, container, leasePath, lease.Id, duration);
    }

    private string PathOf(string container, string name)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.Validate(name);
        return Path.Combine(_root, container, name.Replace('/', Path.DirectorySeparatorChar));
    }

    private string LockPath(string container) => Path.Combine(_root, ".locks", container + ".lock");

    private string LeasePath(string container, string name)
    {
        BlobNames.ValidateContainer(container);
        BlobNames.Validate(name);
        return Path.Combine(_root, ".locks", "leases", container, name.Replace('/', '_') + ".lease");
    }

    private static LeaseRecord? ReadLease(string path)
    {
        try { return JsonSerializer.Deserialize<LeaseRecord>(File.ReadAllText(path), StoredJson.Options); }
        catch (Exception e) when (e is IOException or JsonException) { return null; }
    }

    internal static string ETagOf(ReadOnlySpan<byte> content) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16)) + "\"";

    /// <summary>
    /// A lease names its holder process, so that on the same machine a lease whose holder died (killed, crashed)
    /// is free at once instead of at its expiry; on another machine sharing the folder, expiry decides.
    /// </summary>
    internal sealed record LeaseRecord(string Id, DateTimeOffset Expires, string? Machine = null, int? ProcessId = null, long? ProcessStarted = null)
    {
        private static readonly Lazy<(int Id, long? Started)> Current = new(() =>
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return (self.Id, StartOf(self));
        });

        public static LeaseRecord Take(DateTimeOffset expires) =>
            new(Guid.NewGuid().ToString("N"), expires, Environment.MachineName, Current.Value.Id, Current.Value.Started);

        public bool HolderIsGone()
        {
            if (Machine != Environment.MachineName || ProcessId is not { } pid) return false;
            try
            {
                using var holder = System.Diagnostics.Process.GetProcessById(pid);
                // The same id with another start time is a new process that reused the number.
                return holder.HasExited || (ProcessStarted is { } started && StartOf(holder) is { } actual && actual != started);
            }
            catch (ArgumentException) { return true; } // no such process
            catch (InvalidOperationException) { return true; }
        }

        private static long? StartOf(System.Diagnostics.Process process)
        {
            try { return process.StartTime.ToUniversalTime().Ticks; }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException) { return null; }
        }
    }

    private sealed class FileLease(FileBlobStore store, string container, string path, string id, TimeSpan duration) : IBlobLease
    {
        public async Task<bool> RenewAsync(CancellationToken cancellationToken = default)
        {
            await using var _ = await ContainerLock.AcquireAsync(store.LockPath(container), cancellationToken).ConfigureAwait(false);
            if (ReadLease(path)?.Id != id) return false;
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(LeaseRecord.Take(DateTimeOffset.UtcNow + duration) with { Id = id }, StoredJson.Options), cancellationToken).ConfigureAwait(false);
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            await using var _ = await ContainerLock.AcquireAsync(store.LockPath(container), CancellationToken.None).ConfigureAwait(false);
            if (ReadLease(path)?.Id == id) File.Delete(path);
        }
    }

    /// <summary>An exclusive OS file lock: serializes conditional writes across threads and processes.</summary>
    private sealed class ContainerLock(FileStream stream) : IAsyncDisposable
    {
        public static async Task<ContainerLock> AcquireAsync(string path, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return new ContainerLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (DirectoryNotFoundException) when (attempt == 0)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!); // the store's folders were deleted under a running host
                }
                catch (IOException) when (attempt < 2000)
                {
                    await Task.Delay(Math.Min(1 + attempt, 20), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        public ValueTask DisposeAsync() => stream.DisposeAsync();
    }
}
