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
    public void MainTemplateHasNoEventSubscription()
    {
        // Its webhook needs the blobs_extension key, which exists only after code deploy: infra/events.bicep has it.
        Assert.Empty(Infra.OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
    }

    [Fact]
    public void SubscriptionDeliversCompletedRawBlobWritesToTheNormalizeArticleWebhook()
    {
        var subscription = Events.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions");
        var destination = subscription.Properties["destination"]!;
        var filter = subscription.Properties["filter"]!;

        Assert.Equal("WebHook", destination["endpointType"]!.GetValue<string>());
        Assert.Equal(
            "[format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.NormalizeArticle&code={1}', parameters('functionAppHostName'), parameters('blobsExtensionKey'))]",
            destination["properties"]!["endpointUrl"]!.GetValue<string>());
        Assert.Equal("securestring", Events.Parameter("blobsExtensionKey")["type"]!.GetValue<string>());
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("/blobServices/default/containers/raw/", filter["subjectBeginsWith"]!.GetValue<string>());
        var api = Assert.Single(filter["advancedFilters"]!.AsArray())!;
        Assert.Equal(("StringIn", "data.api"), (api["operatorType"]!.GetValue<string>(), api["key"]!.GetValue<string>()));
        Assert.Equal(["PutBlob", "PutBlockList", "CopyBlob", "FlushWithClose"], api["values"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void SubscriptionHasAnExplicitRetryPolicy()
    {
        var retry = Events.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions").Properties["retryPolicy"];

        Assert.NotNull(retry);
        Assert.Equal("[parameters('maxDeliveryAttempts')]", retry!["maxDeliveryAttempts"]!.GetValue<string>());
        Assert.Equal("[parameters('eventTimeToLiveInMinutes')]", retry["eventTimeToLiveInMinutes"]!.GetValue<string>());
        Assert.Equal(30, Events.Parameter("maxDeliveryAttempts")["defaultValue"]!.GetValue<int>());
        Assert.Equal(1440, Events.Parameter("eventTimeToLiveInMinutes")["defaultValue"]!.GetValue<int>());
        Assert.Equal(30, Events.Parameter("maxDeliveryAttempts")["maxValue"]!.GetValue<int>());
    }

    [Fact]
    public void UndeliveredEventsAreDeadLetteredToTheDeadletterContainerWithTheTopicsIdentity()
    {
        var properties = Events.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions").Properties;
        var deadLetter = properties["deadLetterWithResourceIdentity"];

        Assert.NotNull(deadLetter);
        Assert.Null(properties["deadLetterDestination"]); // no key-based destination
        Assert.Equal("SystemAssigned", deadLetter!["identity"]!["type"]!.GetValue<string>());
        var destination = deadLetter["deadLetterDestination"]!;
        Assert.Equal("StorageBlob", destination["endpointType"]!.GetValue<string>());
        Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]", destination["properties"]!["resourceId"]!.GetValue<string>());
        Assert.Equal("[parameters('deadLetterContainerName')]", destination["properties"]!["blobContainerName"]!.GetValue<string>());
        Assert.Equal("deadletter", Events.Parameter("deadLetterContainerName")["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void TheDeadletterContainerExistsAndOnlyTheTopicsIdentityMayWriteIntoIt()
    {
        Assert.Equal("deadletter", Infra.Root["variables"]!["deadLetterContainerName"]!.GetValue<string>());
        Assert.Contains("[variables('deadLetterContainerName')]", Infra.Root["variables"]!["dataContainerNames"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("[variables('deadLetterContainerName')]",
            Infra.Module("eventgrid")["properties"]!["parameters"]!["deadLetterContainerName"]!["value"]!.GetValue<string>());

        var topic = Infra.Single("Microsoft.EventGrid/systemTopics");
        Assert.Equal("SystemAssigned", topic.Json["identity"]!["type"]!.GetValue<string>());

        var writer = Assert.Single(Infra.OfType("Microsoft.Authorization/roleAssignments"), a => a.Module == "eventgrid");
        Assert.Contains(StorageBlobDataContributor, writer.Resolve(writer.Properties["roleDefinitionId"]!.GetValue<string>()));
        Assert.Equal(
            "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('deadLetterContainerName'))]",
            writer.Json["scope"]!.GetValue<string>());
        Assert.Contains("reference(resourceId('Microsoft.EventGrid/systemTopics', parameters('name'))", writer.Properties["principalId"]!.GetValue<string>());
        Assert.Contains(".identity.principalId", writer.Properties["principalId"]!.GetValue<string>());
        Assert.Equal("ServicePrincipal", writer.Properties["principalType"]!.GetValue<string>());
    }

    [Fact]
    public void TheHookDeploysTheSubscriptionWithTheOutputsOfTheMainTemplate()
    {
        // Every parameter of events.bicep without a default comes from an output of main.bicep (or the hook's key).
        var required = Events.Root["parameters"]!.AsObject()
            .Where(p => p.Value!["defaultValue"] is null)
            .Select(p => p.Key)
            .Order()
            .ToArray();

        Assert.Equal(["blobsExtensionKey", "functionAppHostName", "storageAccountName", "systemTopicName"], required);
        Infra.Output("AZURE_FUNCTION_APP_HOSTNAME");
        Infra.Output("AZURE_STORAGE_ACCOUNT_NAME");
        Infra.Output("AZURE_EVENTGRID_SYSTEM_TOPIC_NAME");
        Assert.EndsWith("/deploymentTemplate.json#", Events.Root["$schema"]!.GetValue<string>()); // a resource group deployment
    }

    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    private static CompiledInfra Events => CompiledInfra.Events;
}
