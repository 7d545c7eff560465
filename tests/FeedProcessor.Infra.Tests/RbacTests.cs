namespace FeedProcessor.Infra.Tests;

public sealed class RbacTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static CompiledInfra Infra => CompiledInfra.Instance;

    public static TheoryData<string, string, string> Roles => new()
    {
        { StorageBlobDataOwner, "ServicePrincipal", "Microsoft.Storage/storageAccounts" },
        { StorageQueueDataContributor, "ServicePrincipal", "Microsoft.Storage/storageAccounts" },
        { StorageTableDataContributor, "ServicePrincipal", "Microsoft.Storage/storageAccounts" },
        { MonitoringMetricsPublisher, "ServicePrincipal", "Microsoft.Insights/components" },
        { StorageBlobDataOwner, "User", "Microsoft.Storage/storageAccounts" },
        { StorageQueueDataContributor, "User", "Microsoft.Storage/storageAccounts" },
        { StorageTableDataContributor, "User", "Microsoft.Storage/storageAccounts" },
        { MonitoringMetricsPublisher, "User", "Microsoft.Insights/components" },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public void RoleIsAssigned(string roleDefinitionId, string principalType, string scopeType)
    {
        var assignments = Infra.OfType("Microsoft.Authorization/roleAssignments")
            .Where(a => a.Resolve(a.Properties["roleDefinitionId"]?.GetValue<string>()).Contains(roleDefinitionId))
            .Where(a => a.Properties["principalType"]?.GetValue<string>() == principalType)
            .ToList();

        var assignment = Assert.Single(assignments);
        Assert.StartsWith("[guid(", assignment.Name);
        Assert.Contains(scopeType, assignment.Json["scope"]?.GetValue<string>() ?? string.Empty);
        Assert.Contains("Microsoft.Authorization/roleDefinitions", assignment.Properties["roleDefinitionId"]!.GetValue<string>());

        if (principalType == "User")
        {
            Assert.Contains("deployerPrincipalId", assignment.Properties["principalId"]!.GetValue<string>());
            Assert.NotNull(assignment.Json["condition"]);
        }
        else
        {
            Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", assignment.Properties["principalId"]!.GetValue<string>());
            Assert.Null(assignment.Json["condition"]);
        }
    }

    [Fact]
    public void DeployerAccessFollowsTheBoolParameterAndDeployerFunction()
    {
        var rbac = Infra.Module("rbac")["properties"]!["parameters"]!;

        Assert.Contains("deployer().objectId", rbac["deployerPrincipalId"]!.ToJsonString());
        Assert.Equal("[parameters('grantDeployerAccess')]", rbac["grantDeployerAccess"]!["value"]!.GetValue<string>());
        Assert.Contains("parameters('grantDeployerAccess')", Infra.ModuleTemplate("rbac")["variables"]!["assignToDeployer"]!.GetValue<string>());
    }

    [Fact]
    public void NoOtherRoleAssignments()
    {
        // 8 above, and the Event Grid topic's right to write dead letters (MonitoringAndEventGridTests).
        Assert.Equal(9, Infra.OfType("Microsoft.Authorization/roleAssignments").Count());
    }
}
