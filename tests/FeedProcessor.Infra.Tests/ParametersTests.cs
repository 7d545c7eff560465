namespace FeedProcessor.Infra.Tests;

public sealed class ParametersTests
{
    private static CompiledInfra Infra => CompiledInfra.Instance;

    [Fact]
    public void MainTargetsTheSubscriptionAndCreatesTheResourceGroup()
    {
        Assert.Contains("subscriptionDeploymentTemplate.json", Infra.Root["$schema"]!.GetValue<string>());

        var rg = Infra.Single("Microsoft.Resources/resourceGroups");
        Assert.Contains("resourcesResourceGroups", rg.Name);
        Assert.Contains("parameters('environmentName')", rg.Name);
        var abbreviations = JsonNode.Parse(File.ReadAllText(RepoRoot.File("infra", "abbreviations.json")))!;
        Assert.Equal("rg-", abbreviations["resourcesResourceGroups"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("environmentName", "string")]
    [InlineData("location", "string")]
    [InlineData("pollSchedule", "string")]
    [InlineData("maximumInstanceCount", "int")]
    [InlineData("instanceMemoryMB", "int")]
    [InlineData("rawRetentionDays", "int")]
    [InlineData("articleRetentionDays", "int")]
    [InlineData("contactUrl", "string")]
    [InlineData("grantDeployerAccess", "bool")]
    [InlineData("vnetEnabled", "bool")]
    [InlineData("alertEmail", "string")]
    public void MainDeclaresParameter(string name, string type)
    {
        Assert.Equal(type, Infra.Parameter(name)["type"]!.GetValue<string>());
    }

    [Fact]
    public void ArticlesAreKeptNinetyDaysByDefault()
    {
        Assert.Equal(90, Infra.Parameter("articleRetentionDays")["defaultValue"]!.GetValue<int>());
        Assert.Equal(1, Infra.Parameter("articleRetentionDays")["minValue"]!.GetValue<int>());
    }

    [Fact]
    public void PollScheduleDefaultsToEveryQuarterHour()
    {
        Assert.Equal("0 */15 * * * *", Infra.Parameter("pollSchedule")["defaultValue"]!.GetValue<string>());
    }

    [Fact]
    public void InstanceMemoryIsLimitedToFlexSizes()
    {
        foreach (var template in new[] { Infra.Root, Infra.ModuleTemplate("api") })
        {
            var allowed = Infra.Parameter("instanceMemoryMB", template)["allowedValues"]!.AsArray()
                .Select(v => v!.GetValue<int>()).Order().ToArray();
            Assert.Equal([512, 2048, 4096], allowed);
        }
    }

    [Fact]
    public void VnetEnabledIsReservedAndOnlyFalseIsAccepted()
    {
        var vnet = Infra.Parameter("vnetEnabled");

        Assert.False(vnet["defaultValue"]!.GetValue<bool>());
        var allowed = vnet["allowedValues"]!.AsArray().Select(v => v!.GetValue<bool>()).ToArray();
        Assert.Equal([false], allowed);
    }

    [Fact]
    public void RawRetentionIsBounded()
    {
        var retention = Infra.Parameter("rawRetentionDays");

        Assert.True(retention["minValue"]!.GetValue<int>() >= 1);
        Assert.True(retention["defaultValue"]!.GetValue<int>() >= 1);
    }

    [Fact]
    public void ParametersFileMapsEveryParameterToAnAzdVariable()
    {
        var file = JsonNode.Parse(File.ReadAllText(RepoRoot.File("infra", "main.parameters.json")))!;
        var parameters = file["parameters"]!.AsObject();

        foreach (var name in Infra.Root["parameters"]!.AsObject().Select(p => p.Key))
        {
            Assert.True(parameters.ContainsKey(name), $"main.parameters.json does not map '{name}'");
            Assert.StartsWith("${", parameters[name]!["value"]!.GetValue<string>());
        }

        Assert.Equal("${AZURE_ENV_NAME}", parameters["environmentName"]!["value"]!.GetValue<string>());
        Assert.Equal("${AZURE_LOCATION}", parameters["location"]!["value"]!.GetValue<string>());
        Assert.StartsWith("${POLL_SCHEDULE", parameters["pollSchedule"]!["value"]!.GetValue<string>());
    }
}
