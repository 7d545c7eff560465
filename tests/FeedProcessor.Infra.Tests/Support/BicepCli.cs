using System.Reflection;

namespace FeedProcessor.Infra.Tests.Support;

/// <summary>
/// Locates the offline Bicep CLI: BICEP_PATH if set, else the NuGet package
/// Azure.Bicep.CommandLine.linux-x64 that this project's PackageDownload restores
/// (tools/bicep under the NuGet package root). A missing binary is a test
/// failure with instructions, never a skip.
/// </summary>
public static class BicepCli
{
    public const string PackageId = "azure.bicep.commandline.linux-x64";

    private static readonly Lazy<string> Located = new(Locate);

    public static string Path => Located.Value;

    public static string Version => Metadata("BicepCliVersion") ?? "0.49.2";

    public static ProcessResult Run(params string[] arguments) =>
        ProcessRunner.Run(Path, arguments, RepoRoot.Path, new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        });

    private static string Locate()
    {
        var candidates = new List<string>();
        var fromEnv = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            candidates.Add(fromEnv);
        }
        else
        {
            var roots = new[]
            {
                Metadata("NuGetPackageRoot"),
                Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
                System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            };
            foreach (var root in roots.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct())
            {
                candidates.Add(System.IO.Path.Combine(root!, PackageId, Version, "tools", "bicep"));
            }
        }

        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            throw new InvalidOperationException(
                "The Bicep CLI was not found. Looked at: " + string.Join(", ", candidates) +
                $". Run `dotnet restore tests/FeedProcessor.Infra.Tests` (its PackageDownload fetches {PackageId} {Version}) " +
                "or `bash .ci/bicep.sh`, or set BICEP_PATH to a bicep binary.");
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(found);
            const UnixFileMode exec = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(found, mode | exec);
            }
        }

        return found;
    }

    private static string? Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value;
}
