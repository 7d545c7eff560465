namespace FeedProcessor.Infra.Tests;

public sealed class FunctionAppTests
{
    private static CompiledInfra Infra => CompiledInfra.Instance;

    private static ArmResource Site => Infra.Single("Microsoft.Web/sites");

    private static JsonObject FunctionAppConfig => Site.Properties["functionAppConfig"]!.AsObject();

    [Fact]
    public void PlanIsFlexConsumptionOnLinux()
    {
        var plan = Infra.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.Json["sku"]!["name"]!.GetValue<string>());
        Assert.Equal("FlexConsumption", plan.Json["sku"]!["tier"]!.GetValue<string>());
        Assert.True(plan.Properties["reserved"]!.GetValue<bool>());
    }

    [Fact]
    public void OneAppPerPlan()
    {
        Assert.Single(Infra.OfType("Microsoft.Web/serverfarms"));
        Assert.Single(Infra.OfType("Microsoft.Web/sites"));
        Assert.Contains("Microsoft.Web/serverfarms", Site.Properties["serverFarmId"]!.GetValue<string>());
    }

    [Fact]
    public void SiteIsALinuxFunctionAppTaggedForAzd()
    {
        Assert.Equal("functionapp,linux", Site.Json["kind"]!.GetValue<string>());
        Assert.Contains("azd-service-name", Site.Json["tags"]!.ToJsonString());
        var serviceName = Infra.Module("api")["properties"]!["parameters"]!["serviceName"]!["value"]!.GetValue<string>();
        Assert.Equal("api", serviceName);
    }

    [Fact]
    public void RuntimeIsDotnetIsolated10()
    {
        var runtime = FunctionAppConfig["runtime"]!;

        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());
    }

    [Fact]
    public void DeploymentPackageComesFromABlobContainerThroughTheUserAssignedIdentity()
    {
        var storage = FunctionAppConfig["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        Assert.Contains("primaryEndpoints.blob", storage["value"]!.GetValue<string>());
        Assert.Contains("parameters('deploymentContainerName')", storage["value"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());
        Assert.Equal("[parameters('identityId')]", storage["authentication"]!["userAssignedIdentityResourceId"]!.GetValue<string>());
    }

    [Fact]
    public void ScaleAndConcurrencyComeFromParameters()
    {
        var scale = FunctionAppConfig["scaleAndConcurrency"]!;

        Assert.Equal("[parameters('instanceMemoryMB')]", scale["instanceMemoryMB"]!.GetValue<string>());
        Assert.Equal("[parameters('maximumInstanceCount')]", scale["maximumInstanceCount"]!.GetValue<string>());

        var passed = Infra.Module("api")["properties"]!["parameters"]!;
        Assert.Equal("[parameters('instanceMemoryMB')]", passed["instanceMemoryMB"]!["value"]!.GetValue<string>());
        Assert.Equal("[parameters('maximumInstanceCount')]", passed["maximumInstanceCount"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void SiteUsesOnlyTheUserAssignedIdentity()
    {
        var identity = Site.Json["identity"]!;

        Assert.Equal("UserAssigned", identity["type"]!.GetValue<string>());
        Assert.Single(identity["userAssignedIdentities"]!.AsObject());
        Assert.Single(Infra.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
    }

    [Fact]
    public void TransportAndPublishingAreHardened()
    {
        var siteConfig = Site.Properties["siteConfig"]!;

        Assert.True(Site.Properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", siteConfig["minTlsVersion"]!.GetValue<string>());
        Assert.Equal("Disabled", siteConfig["ftpsState"]!.GetValue<string>());
        Assert.Null(siteConfig["alwaysOn"]);

        var policies = Infra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        foreach (var kind in new[] { "scm", "ftp" })
        {
            var policy = policies.SingleOrDefault(p => p.Name.Contains($"'{kind}'"));
            Assert.True(policy is not null, $"no basicPublishingCredentialsPolicies/{kind}");
            Assert.False(policy!.Properties["allow"]!.GetValue<bool>(), $"{kind} basic auth must be disabled");
        }
    }
}
