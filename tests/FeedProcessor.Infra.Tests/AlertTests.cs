using System.Text.RegularExpressions;

namespace FeedProcessor.Infra.Tests;

public sealed partial class AlertTests
{
    private static CompiledInfra Infra => CompiledInfra.Instance;

    private static JsonObject Alerts => Infra.ModuleTemplate("alerts");

    /// <summary>The log alert rules (name suffix → rule) as ARM evaluates the template's logAlerts variable.</summary>
    private static Dictionary<string, JsonObject> LogAlerts =>
        Alerts["variables"]!["logAlerts"]!.AsArray()
            .Select(a => a!.AsObject())
            .ToDictionary(a => Regex.Match(a["name"]!.GetValue<string>(), @"\{0\}-([a-z-]+)'").Groups[1].Value);

    private static string Query(string alert) =>
        CompiledInfra.EvaluateFormat(LogAlerts[alert]["query"]!.GetValue<string>(), Alerts);

    public static TheoryData<string> LogAlertNames => ["no-new-article", "source-failing", "poison-item"];

    [Fact]
    public void OneRulePerCondition()
    {
        Assert.Equal(["no-new-article", "poison-item", "source-failing"], LogAlerts.Keys.Order());
        var rules = Infra.Single("Microsoft.Insights/scheduledQueryRules");
        Assert.Equal("[length(variables('logAlerts'))]", rules.Json["copy"]!["count"]!.GetValue<string>());
        Infra.Single("Microsoft.Insights/metricAlerts");
    }

    [Fact]
    public void LogAlertsQueryApplicationInsightsAndFireOnAnyRow()
    {
        var rule = Infra.Single("Microsoft.Insights/scheduledQueryRules");
        var criterion = Assert.Single(rule.Properties["criteria"]!["allOf"]!.AsArray())!;

        Assert.Equal("LogAlert", rule.Json["kind"]!.GetValue<string>());
        Assert.Contains("Microsoft.Insights/components", Assert.Single(rule.Properties["scopes"]!.AsArray())!.GetValue<string>());
        Assert.Equal("[variables('logAlerts')[copyIndex()].query]", criterion["query"]!.GetValue<string>());
        Assert.Equal("Count", criterion["timeAggregation"]!.GetValue<string>());
        Assert.Equal("GreaterThan", criterion["operator"]!.GetValue<string>());
        Assert.Equal(0, criterion["threshold"]!.GetValue<int>());
        Assert.Equal("[variables('actionGroups')]", rule.Properties["actions"]!["actionGroups"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(LogAlertNames))]
    public void EveryTemplateAQueryMatchesIsLoggedByTheApp(string alert)
    {
        // A query matches log lines by their message template; a template nobody logs would keep an alert silent forever.
        var query = Query(alert);
        var templates = TemplateLiteral().Matches(query).Select(m => m.Groups[1].Value).Distinct().ToList();
        var code = string.Join('\n', Directory.EnumerateFiles(RepoRoot.File("src"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));

        Assert.NotEmpty(templates);
        Assert.Contains("customDimensions[\"OriginalFormat\"]", query);
        foreach (var template in templates)
            Assert.True(code.Contains('"' + template + '"', StringComparison.Ordinal), $"alert {alert}: no code logs the template \"{template}\"");
    }

    [Fact]
    public void NoNewArticleLooksAtADayOfNormalizedArticles()
    {
        var alert = LogAlerts["no-new-article"];
        var query = Query("no-new-article");

        Assert.Equal("P1D", alert["windowSize"]!.GetValue<string>());
        Assert.Contains("\"Normalized {Name} into article {ArticleId} ({SourceId})\"", query);
        Assert.EndsWith("| summarize Articles = count()\n| where Articles == 0", query);
    }

    [Fact]
    public void SourceFailingNeedsSixHoursWithoutASuccessfulPoll()
    {
        var query = Query("source-failing");

        Assert.Contains("{SourceId}: failed in {Elapsed} ({ConsecutiveFailures} in a row, last success {LastSuccess}): {Error}", query);
        Assert.Contains("in (\"fetched\", \"not-modified\")", query);
        Assert.Contains("by SourceId", query);
        Assert.Contains("| where Failed and FailingSince < ago(6h)", query);
        Assert.Equal("P1D", LogAlerts["source-failing"]["windowSize"]!.GetValue<string>());
    }

    [Fact]
    public void PoisonLooksInExceptionsToo()
    {
        // The poison line is logged with its exception, which Application Insights files under exceptions.
        var query = Query("poison-item");

        Assert.StartsWith("union traces, exceptions\n", query);
        Assert.Contains("moved to the poison container", query);
        Assert.Equal(LogAlerts["poison-item"]["evaluationFrequency"]!.GetValue<string>(), LogAlerts["poison-item"]["windowSize"]!.GetValue<string>());
    }

    [Fact]
    public void DeadLetteredAndDroppedEventsAlertOnTheSystemTopicsMetrics()
    {
        var alert = Infra.Single("Microsoft.Insights/metricAlerts");
        var criterion = Assert.Single(alert.Properties["criteria"]!["allOf"]!.AsArray())!;
        var metrics = Alerts["variables"]!["metricAlerts"]!.AsArray()
            .ToDictionary(a => a!["metricName"]!.GetValue<string>(), a => a!["name"]!.GetValue<string>());

        Assert.Equal("[length(variables('metricAlerts'))]", alert.Json["copy"]!["count"]!.GetValue<string>());
        Assert.Equal(["DeadLetteredCount", "DroppedEventCount"], metrics.Keys.Order());
        Assert.EndsWith("-dead-lettered-event', parameters('namePrefix'))]", metrics["DeadLetteredCount"]);
        Assert.Equal("[resourceId('Microsoft.EventGrid/systemTopics', parameters('systemTopicName'))]",
            Assert.Single(alert.Properties["scopes"]!.AsArray())!.GetValue<string>());
        Assert.Equal("Microsoft.EventGrid/systemTopics", criterion["metricNamespace"]!.GetValue<string>());
        Assert.Equal("[variables('metricAlerts')[copyIndex()].metricName]", criterion["metricName"]!.GetValue<string>());
        Assert.Equal("GreaterThan", criterion["operator"]!.GetValue<string>());
        Assert.Equal(0, criterion["threshold"]!.GetValue<int>());
        Assert.Equal("Total", criterion["timeAggregation"]!.GetValue<string>());
        var actions = Assert.Single(alert.Properties["copy"]!.AsArray())!;
        Assert.Equal("actions", actions["name"]!.GetValue<string>());
        Assert.Equal("[variables('actionGroups')[copyIndex('actions')]]", actions["input"]!["actionGroupId"]!.GetValue<string>());
        Assert.Equal("[variables('systemTopicName')]", Infra.Module("alerts")["properties"]!["parameters"]!["systemTopicName"]!["value"]!.GetValue<string>());
        Assert.Equal("[variables('systemTopicName')]", Infra.Module("eventgrid")["properties"]!["parameters"]!["name"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void TheEmailActionGroupExistsOnlyWhenAnAddressIsGiven()
    {
        Assert.Equal("", Infra.Parameter("alertEmail")["defaultValue"]!.GetValue<string>());
        Assert.Equal("[parameters('alertEmail')]", Infra.Module("alerts")["properties"]!["parameters"]!["alertEmail"]!["value"]!.GetValue<string>());

        var group = Infra.Single("Microsoft.Insights/actionGroups");
        Assert.Equal("[variables('notify')]", group.Json["condition"]!.GetValue<string>());
        Assert.Equal("[not(empty(parameters('alertEmail')))]", Alerts["variables"]!["notify"]!.GetValue<string>());
        Assert.Equal("[parameters('alertEmail')]", Assert.Single(group.Properties["emailReceivers"]!.AsArray())!["emailAddress"]!.GetValue<string>());
        Assert.StartsWith("[if(variables('notify'), createArray(", Alerts["variables"]!["actionGroups"]!.GetValue<string>());
        Assert.EndsWith(", createArray())]", Alerts["variables"]!["actionGroups"]!.GetValue<string>());

        var parameters = JsonNode.Parse(File.ReadAllText(RepoRoot.File("infra", "main.parameters.json")))!;
        Assert.Equal("${ALERT_EMAIL=}", parameters["parameters"]!["alertEmail"]!["value"]!.GetValue<string>());
    }

    /// <summary>A double-quoted KQL literal that holds a message template (it has a {Placeholder}).</summary>
    [GeneratedRegex("\"([^\"]*\\{[A-Za-z]+\\}[^\"]*)\"")]
    private static partial Regex TemplateLiteral();
}
