namespace FeedProcessor.Infra.Tests;

public sealed class StorageTests
{
    private static CompiledInfra Infra => CompiledInfra.Instance;

    private static ArmResource Account => Infra.Single("Microsoft.Storage/storageAccounts");

    [Fact]
    public void AccountIsHardenedStorageV2()
    {
        var p = Account.Properties;

        Assert.Equal("StorageV2", Account.Json["kind"]!.GetValue<string>());
        Assert.False(p["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(p["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", p["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(p["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(p["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void AppContainersAreCreatedPrivate()
    {
        var names = Infra.Root["variables"]!["dataContainerNames"]!.AsArray()
            .Select(n => CompiledInfra.ResolveVariables(n!.GetValue<string>(), Infra.Root).Trim('[', ']')).Order().ToArray();
        Assert.Equal(new[] { "articles", "config", "deadletter", "index", "poison", "raw", "state" }, names);

        var passed = Infra.Module("storage")["properties"]!["parameters"]!;
        Assert.Equal("[variables('dataContainerNames')]", passed["dataContainerNames"]!["value"]!.GetValue<string>());
        Assert.Equal("[variables('deploymentContainerName')]", passed["deploymentContainerName"]!["value"]!.GetValue<string>());

        var containers = Infra.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        var loop = containers.Json["copy"]!["count"]!.GetValue<string>();
        Assert.Contains("parameters('dataContainerNames')", loop);
        Assert.Contains("parameters('deploymentContainerName')", loop);
        Assert.Equal("None", containers.Properties["publicAccess"]!.GetValue<string>());
    }

    [Fact]
    public void DeploymentPackageContainerIsNamedForTheApp()
    {
        var name = Infra.Root["variables"]!["deploymentContainerName"]!.GetValue<string>();

        Assert.StartsWith("[format('app-package-", name);
        Assert.Contains("variables('functionAppName')", name);
        Assert.Equal("[variables('deploymentContainerName')]",
            Infra.Module("api")["properties"]!["parameters"]!["deploymentContainerName"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void LifecycleRuleDeletesRawBlobsAfterRetention()
    {
        var policy = Infra.Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var rules = policy.Properties["policy"]!["rules"]!.AsArray();
        var rule = rules.Single(r => r!["name"]!.GetValue<string>() == "delete-raw-after-retention")!;

        Assert.True(rule["enabled"]!.GetValue<bool>());
        Assert.Equal("Lifecycle", rule["type"]!.GetValue<string>());
        var filters = rule["definition"]!["filters"]!;
        Assert.Equal(["raw/"], filters["prefixMatch"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Contains("blockBlob", filters["blobTypes"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("[parameters('rawRetentionDays')]",
            rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<string>());
        Assert.Equal("[parameters('rawRetentionDays')]",
            Infra.Module("storage")["properties"]!["parameters"]!["rawRetentionDays"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void LifecycleRuleDeletesArticlesADayAfterTheirRetention()
    {
        var policy = Infra.Single("Microsoft.Storage/storageAccounts/managementPolicies");
        var rule = policy.Properties["policy"]!["rules"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "delete-articles-after-retention")!;

        Assert.True(rule["enabled"]!.GetValue<bool>());
        Assert.Equal(["articles/"], rule["definition"]!["filters"]!["prefixMatch"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal("[add(parameters('articleRetentionDays'), 1)]",
            rule["definition"]!["actions"]!["baseBlob"]!["delete"]!["daysAfterModificationGreaterThan"]!.GetValue<string>());
        Assert.Equal("[parameters('articleRetentionDays')]",
            Infra.Module("storage")["properties"]!["parameters"]!["articleRetentionDays"]!["value"]!.GetValue<string>());
        Assert.Equal("[parameters('articleRetentionDays')]",
            Infra.Module("api")["properties"]!["parameters"]!["articleRetentionDays"]!["value"]!.GetValue<string>());
    }
}
