namespace FeedProcessor.Infra.Tests;

public sealed class MonitoringAndEventGridTests
{
    private static CompiledInfra Infra => CompiledInfra.Instance;

    [Fact]
    public void ApplicationInsightsIsWorkspaceBasedWithLocalAuthDisabled()
    {
        Infra.Single("Microsoft.OperationalInsights/workspaces");
        var insights = Infra.Single("Microsoft.Insights/components");
        var p = insights.Properties;

        var disableLocalAuth = p.FirstOrDefault(kv => kv.Key.Equals("disableLocalAuth", StringComparison.OrdinalIgnoreCase));
        Assert.True(disableLocalAuth.Value?.GetValue<bool>() == true, "Application Insights must set disableLocalAuth: true");
        var workspace = p.FirstOrDefault(kv => kv.Key.Equals("WorkspaceResourceId", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Microsoft.OperationalInsights/workspaces", workspace.Value?.GetValue<string>() ?? string.Empty);
    }

    [Fact]
    public void StorageAccountHasAnEventGridSystemTopic()
    {
        var topic = Infra.Single("Microsoft.EventGrid/systemTopics");

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic.Properties["topicType"]!.GetValue<string>());
        Assert.Contains("Microsoft.Storage/storageAccounts", topic.Properties["source"]!.GetValue<string>());
        Assert.Equal(
            Infra.Module("storage")["properties"]!["parameters"]!["name"]!["value"]!.GetValue<string>(),
            Infra.Module("eventgrid")["properties"]!["parameters"]!["storageAccountName"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void EventSubscriptionIsLeftToThePostdeployHook()
    {
        // Its webhook needs the blobs_extension key, which exists only after code deploy.
        Assert.Empty(Infra.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
    }
}
