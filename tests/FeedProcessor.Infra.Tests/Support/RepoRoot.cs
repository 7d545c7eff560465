namespace FeedProcessor.Infra.Tests.Support;

/// <summary>Finds the repository root: the nearest folder above the test assembly holding azure.yaml.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Path => Root.Value;

    public static string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "azure.yaml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No azure.yaml found in {AppContext.BaseDirectory} or any folder above it; the infra tests must run inside the repository.");
    }
}
