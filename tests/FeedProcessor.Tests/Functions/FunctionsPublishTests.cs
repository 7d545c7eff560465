using System.Diagnostics;
using System.Reflection.PortableExecutable;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Functions;

/// <summary>
/// What `azd deploy` uploads: `dotnet publish` of the Functions project. It must hold everything the host needs and
/// be precompiled (ReadyToRun), because JIT compiling the app is most of a cold start's own work.
/// </summary>
public sealed class FunctionsPublishTests
{
    [Fact]
    public async Task The_published_app_is_precompiled_for_linux_and_complete()
    {
        var output = Directory.CreateTempSubdirectory("feedproc-publish-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", ["publish", RepoPaths.Combine("src", "FeedProcessor.Functions"), "-c", "Release", "-o", output, "-nologo"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var publish = Process.Start(start)!;
            var log = publish.StandardOutput.ReadToEndAsync();
            var errors = publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await log}\n{await errors}");

            foreach (var file in new[] { "functions.metadata", "host.json", "sources.json", "FeedProcessor.Functions.dll", "FeedProcessor.Core.dll" })
                Assert.True(File.Exists(Path.Combine(output, file)), $"{file} is missing from the published app");
            Assert.False(File.Exists(Path.Combine(output, "local.settings.json")), "local settings must never be deployed");
            foreach (var assembly in new[] { "FeedProcessor.Core.dll", "FeedProcessor.Functions.dll" })
                Assert.True(IsReadyToRun(Path.Combine(output, assembly)), $"{assembly} is not ReadyToRun code");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    /// <summary>A ReadyToRun image carries native code, announced by the managed native header of its CLI header.</summary>
    private static bool IsReadyToRun(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
