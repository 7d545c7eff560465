namespace FeedProcessor.Infra.Tests;

public sealed class OutputsTests
{
    private static CompiledInfra Infra => CompiledInfra.Instance;

    [Theory]
    [InlineData("AZURE_FUNCTION_APP_NAME", "api")]
    [InlineData("AZURE_FUNCTION_APP_HOSTNAME", "api")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME", "storage")]
    [InlineData("AZURE_EVENTGRID_SYSTEM_TOPIC_NAME", "eventgrid")]
    public void OutputComesFromItsModule(string name, string module)
    {
        var value = Infra.Output(name)["value"]!.GetValue<string>();

        Assert.Contains($"'Microsoft.Resources/deployments', '{module}'", value);
    }

    [Fact]
    public void ResourceGroupIsAnOutput()
    {
        Assert.Contains("resourcesResourceGroups", Infra.Output("AZURE_RESOURCE_GROUP")["value"]!.GetValue<string>());
    }

    [Fact]
    public void FeedUrlPointsAtThePublishFeedRoute()
    {
        var value = Infra.Output("FEED_URL")["value"]!.GetValue<string>();

        Assert.StartsWith("[format('https://{0}/api/feed', ", value);
        Assert.Contains("outputs.defaultHostName.value", value);
        Assert.Equal("[parameters('name')]", Infra.ModuleTemplate("api")["outputs"]!["name"]!["value"]!.GetValue<string>());
        Assert.Contains("defaultHostName", Infra.ModuleTemplate("api")["outputs"]!["defaultHostName"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void HookInputsAreOutputs()
    {
        foreach (var name in new[] { "AZURE_RESOURCE_GROUP", "AZURE_FUNCTION_APP_NAME", "AZURE_STORAGE_ACCOUNT_NAME", "AZURE_EVENTGRID_SYSTEM_TOPIC_NAME", "FEEDPROCESSOR_SOURCES_BLOB" })
        {
            Infra.Output(name);
            Assert.Contains(name, File.ReadAllText(RepoRoot.File("infra", "hooks", "postdeploy.sh")));
            Assert.Contains(name, File.ReadAllText(RepoRoot.File("infra", "hooks", "postdeploy.ps1")));
        }
    }
}
