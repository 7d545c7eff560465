using System.Text.RegularExpressions;

namespace FeedProcessor.Infra.Tests;

public sealed class NoSecretsTests
{
    private static CompiledInfra Infra => CompiledInfra.Instance;

    public static TheoryData<string> ForbiddenTokens =>
    [
        "listKeys",
        "listAccountSas",
        "listServiceSas",
        "AccountKey",
        "SharedAccessKey",
        "SharedAccessSignature",
        "DefaultEndpointsProtocol",
        "InstrumentationKey=",
    ];

    [Theory]
    [MemberData(nameof(ForbiddenTokens))]
    public void CompiledTemplateHasNoKeyMaterial(string token)
    {
        Assert.DoesNotContain(token, Infra.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ForbiddenTokens))]
    public void InfraSourcesHaveNoKeyMaterial(string token)
    {
        var files = Directory.EnumerateFiles(RepoRoot.File("infra"), "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".bicep") || f.EndsWith(".json"))
            .Append(RepoRoot.File("azure.yaml"));

        foreach (var file in files)
        {
            Assert.False(
                File.ReadAllText(file).Contains(token, StringComparison.OrdinalIgnoreCase),
                $"{Path.GetRelativePath(RepoRoot.Path, file)} contains '{token}'");
        }
    }

    [Fact]
    public void OnlyConnectionStringIsTheKeylessApplicationInsightsOne()
    {
        // App Insights' connection string carries no secret once local auth is disabled;
        // any other connection string would mean a key-based storage connection.
        var matches = Regex.Matches(Infra.Text, "connection_?string", RegexOptions.IgnoreCase)
            .Select(m => Infra.Text.Substring(Math.Max(0, m.Index - 120), Math.Min(m.Length + 240, Infra.Text.Length - Math.Max(0, m.Index - 120))))
            .ToList();

        Assert.NotEmpty(matches);
        foreach (var context in matches)
        {
            Assert.True(
                context.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING") || context.Contains("Microsoft.Insights/components"),
                "unexpected connection string in the compiled template: " + context);
        }
    }

    [Fact]
    public void StorageAccountRejectsSharedKeys()
    {
        Assert.False(Infra.Single("Microsoft.Storage/storageAccounts").Properties["allowSharedKeyAccess"]!.GetValue<bool>());
    }
}
