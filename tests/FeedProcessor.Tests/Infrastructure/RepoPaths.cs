namespace FeedProcessor.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test assembly's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FeedProcessor.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (FeedProcessor.sln) above " + AppContext.BaseDirectory);
    }
}
