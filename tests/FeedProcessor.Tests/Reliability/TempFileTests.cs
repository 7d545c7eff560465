using System.Text;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Tests.Reliability;

/// <summary>A process killed between writing a temporary file and renaming it leaves a `.tmp-*` file behind.</summary>
public sealed class TempFileTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("feedproc-tmp-").FullName;

    [Fact]
    public async Task Left_over_temp_files_are_never_listed_or_read_and_abandoned_ones_are_removed()
    {
        var store = new FileBlobStore(_root);
        await store.WriteAsync(Containers.Raw, "src/item.json", Encoding.UTF8.GetBytes("{}"), WriteCondition.IfNotExists);
        var abandoned = Path.Combine(_root, Containers.Raw, "src", ".tmp-0123abcd");
        var inFlight = Path.Combine(_root, Containers.Raw, "src", ".tmp-4567ef01");
        await File.WriteAllTextAsync(abandoned, "{\"half");
        await File.WriteAllTextAsync(inFlight, "{\"half");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow - FileBlobStore.AbandonedTempAge - TimeSpan.FromMinutes(1));

        var names = new List<string>();
        await foreach (var name in store.ListAsync(Containers.Raw)) names.Add(name);
        Assert.Equal(["src/item.json"], names);
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync(Containers.Raw, "src/.tmp-0123abcd"));

        _ = new FileBlobStore(_root); // a restart
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(inFlight), "a young temp file may be another process's write in flight");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
