using System.Text.RegularExpressions;

namespace FeedProcessor.Infra.Tests;

public sealed partial class BicepToolchainTests
{
    [Fact]
    public void BicepCliIsTheOfflinePackagedVersion()
    {
        var result = BicepCli.Run("--version");

        Assert.True(result.ExitCode == 0, $"{BicepCli.Path} --version failed: {result.Combined}");
        Assert.Contains(BicepCli.Version, result.Combined);
    }

    public static TheoryData<string> Templates => ["main", "events"];

    private static CompiledInfra Template(string name) => name == "events" ? CompiledInfra.Events : CompiledInfra.Instance;

    [Theory]
    [MemberData(nameof(Templates))]
    public void BuildReportsNoDiagnostics(string template)
    {
        var build = Template(template).Build;

        Assert.Equal(0, build.ExitCode);
        Assert.False(Diagnostic().IsMatch(build.Combined), "bicep build reported diagnostics:\n" + build.Combined);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void LintReportsNoWarningsOrErrors(string template)
    {
        var lint = Template(template).Lint;

        Assert.True(lint.ExitCode == 0, $"bicep lint failed (exit {lint.ExitCode}):\n{lint.Combined}");
        Assert.False(Diagnostic().IsMatch(lint.Combined), "bicep lint reported diagnostics:\n" + lint.Combined);
    }

    [Fact]
    public void LinterIsEnabledWithRulesAtWarningOrError()
    {
        var config = JsonNode.Parse(File.ReadAllText(RepoRoot.File("bicepconfig.json")))!;
        var core = config["analyzers"]!["core"]!;

        Assert.True(core["enabled"]!.GetValue<bool>());
        var rules = core["rules"]!.AsObject();
        Assert.NotEmpty(rules);
        foreach (var (name, rule) in rules)
        {
            var level = rule!["level"]!.GetValue<string>();
            var allowedOff = name is "use-recent-api-versions" or "use-recent-module-versions";
            Assert.True(
                level is "warning" or "error" || (allowedOff && level == "off"),
                $"bicepconfig.json rule {name} is '{level}'; only the clock/registry-dependent version rules may be off");
        }
    }

    [GeneratedRegex(@" : (Warning|Error) ")]
    private static partial Regex Diagnostic();
}
