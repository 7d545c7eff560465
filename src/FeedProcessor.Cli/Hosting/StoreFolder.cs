namespace FeedProcessor.Cli.Hosting;

/// <summary>
/// Checks the --store folder before anything runs, so that a store that cannot be written fails the command with
/// one line instead of failing every write of a cycle with a log full of errors.
/// </summary>
internal static class StoreFolder
{
    /// <summary>A sentence saying why the folder cannot be the store, or null when it can.</summary>
    public static string? Problem(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(full)) return $"--store {folder} is a file; give a folder (it is created if missing).";
        var probe = Path.Combine(full, $".write-check-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(full);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
            return $"cannot write to the store {full} ({why}); give a folder you can write with --store.";
        }
    }
}
