namespace FeedProcessor.Infra.Tests;

public sealed class AzureYamlTests
{
    private static readonly string Yaml = File.ReadAllText(RepoRoot.File("azure.yaml")).ReplaceLineEndings("\n");

    private static string ServiceBlock()
    {
        var start = Yaml.IndexOf("\nservices:", StringComparison.Ordinal);
        Assert.True(start >= 0, "azure.yaml has no services section");
        var block = Yaml[(start + 1)..];
        var end = block.IndexOf("\nhooks:", StringComparison.Ordinal);
        return end >= 0 ? block[..(end + 1)] : block;
    }

    [Fact]
    public void ApiServiceIsTheFunctionsProject()
    {
        var services = ServiceBlock();

        Assert.Contains("\n  api:\n", services);
        Assert.Contains("project: ./src/FeedProcessor.Functions\n", services);
        Assert.Contains("language: dotnet\n", services);
        Assert.Contains("host: function\n", services);
    }

    [Fact]
    public void PostdeployHooksPointAtTheScripts()
    {
        Assert.Contains("postdeploy:", Yaml);
        Assert.Contains("run: ./infra/hooks/postdeploy.sh", Yaml);
        Assert.Contains("run: ./infra/hooks/postdeploy.ps1", Yaml);
        Assert.Contains("shell: pwsh", Yaml);
    }

    [Fact]
    public void InfraIsBicepUnderInfra()
    {
        Assert.Contains("provider: bicep", Yaml);
        Assert.Contains("path: infra", Yaml);
        Assert.True(File.Exists(RepoRoot.File("infra", "main.bicep")));
        Assert.True(File.Exists(RepoRoot.File("infra", "main.parameters.json")));
    }
}
