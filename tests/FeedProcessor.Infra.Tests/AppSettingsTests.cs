namespace FeedProcessor.Infra.Tests;

public sealed class AppSettingsTests
{
    private static CompiledInfra Infra => CompiledInfra.Instance;

    private static JsonObject Settings
    {
        get
        {
            var config = Infra.OfType("Microsoft.Web/sites/config").SingleOrDefault(c => c.Name.Contains("'appsettings'"));
            Assert.True(config is not null, "no Microsoft.Web/sites/config 'appsettings' resource");
            return config!.Properties;
        }
    }

    private static string Setting(string name)
    {
        Assert.True(Settings.ContainsKey(name), $"app setting {name} is missing");
        return Settings[name]!.GetValue<string>();
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__credential")]
    [InlineData("AzureWebJobsStorage__clientId")]
    [InlineData("AzureWebJobsStorage__blobServiceUri")]
    [InlineData("AzureWebJobsStorage__queueServiceUri")]
    [InlineData("AzureWebJobsStorage__tableServiceUri")]
    [InlineData("FeedStorage__blobServiceUri")]
    [InlineData("FeedStorage__queueServiceUri")]
    [InlineData("FeedStorage__credential")]
    [InlineData("FeedStorage__clientId")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    [InlineData("PollSchedule")]
    [InlineData("ReconcileSchedule")]
    [InlineData("FeedProcessor__AllowPrivateNetwork")]
    [InlineData("FeedProcessor__ContactUrl")]
    [InlineData("FeedProcessor__SourcesBlob")]
    [InlineData("FeedProcessor__PublicUrl")]
    public void RequiredSettingIsPresent(string name)
    {
        Assert.False(string.IsNullOrWhiteSpace(Setting(name)));
    }

    [Fact]
    public void PublicUrlIsTheAppsOwnHttpsHostName()
    {
        // Links in feeds come from it, never from a request's Host or X-Forwarded-Host header.
        Assert.Equal("[format('https://{0}', reference(resourceId('Microsoft.Web/sites', parameters('name')), '2025-03-01').defaultHostName)]",
            Setting("FeedProcessor__PublicUrl"));
    }

    [Fact]
    public void StorageConnectionsAreIdentityBased()
    {
        Assert.Equal("managedidentity", Setting("AzureWebJobsStorage__credential"));
        Assert.Equal("managedidentity", Setting("FeedStorage__credential"));
        Assert.Equal("[parameters('identityClientId')]", Setting("AzureWebJobsStorage__clientId"));
        Assert.Equal("[parameters('identityClientId')]", Setting("FeedStorage__clientId"));

        foreach (var (name, endpoint) in new[]
                 {
                     ("AzureWebJobsStorage__blobServiceUri", "blob"),
                     ("AzureWebJobsStorage__queueServiceUri", "queue"),
                     ("AzureWebJobsStorage__tableServiceUri", "table"),
                     ("FeedStorage__blobServiceUri", "blob"),
                     ("FeedStorage__queueServiceUri", "queue"),
                     ("FeedStorage__tableServiceUri", "table"),
                 })
        {
            Assert.EndsWith($".primaryEndpoints.{endpoint}]", Setting(name));
        }

        Assert.DoesNotContain(Settings, s => s.Key is "AzureWebJobsStorage" or "FeedStorage");
    }

    [Fact]
    public void ApplicationInsightsUsesEntraAuthentication()
    {
        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]",
            Setting("APPLICATIONINSIGHTS_AUTHENTICATION_STRING"));
        Assert.Contains("Microsoft.Insights/components", Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"));
        Assert.EndsWith(".ConnectionString]", Setting("APPLICATIONINSIGHTS_CONNECTION_STRING"));
    }

    [Fact]
    public void AppSettingsCarryTheAppContract()
    {
        Assert.Equal("[parameters('pollSchedule')]", Setting("PollSchedule"));
        Assert.Equal("false", Setting("FeedProcessor__AllowPrivateNetwork"));
        Assert.Equal("[parameters('contactUrl')]", Setting("FeedProcessor__ContactUrl"));
        Assert.Equal("[parameters('sourcesBlob')]", Setting("FeedProcessor__SourcesBlob"));
        Assert.Equal("[string(parameters('articleRetentionDays'))]", Setting("FeedProcessor__RetentionDays"));
        Assert.Equal("config/sources.json", Infra.Root["variables"]!["sourcesBlob"]!.GetValue<string>());

        var passed = Infra.Module("api")["properties"]!["parameters"]!;
        Assert.Equal("[parameters('pollSchedule')]", passed["pollSchedule"]!["value"]!.GetValue<string>());
        Assert.Equal("[parameters('contactUrl')]", passed["contactUrl"]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENT")]
    [InlineData("WEBSITE_TIME_ZONE")]
    [InlineData("WEBSITE_NODE_DEFAULT_VERSION")]
    [InlineData("alwaysOn")]
    public void NoSettingDeprecatedOnFlexConsumption(string name)
    {
        Assert.DoesNotContain(Settings, s => s.Key.StartsWith(name, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(name, Infra.Text, StringComparison.OrdinalIgnoreCase);
    }
}
