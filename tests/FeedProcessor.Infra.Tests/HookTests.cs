namespace FeedProcessor.Infra.Tests;

public sealed class HookTests : IDisposable
{

    private static readonly string ShellHook = RepoRoot.File("infra", "hooks", "postdeploy.sh");
    private static readonly string PwshHook = RepoRoot.File("infra", "hooks", "postdeploy.ps1");

    private readonly DirectoryInfo _sandbox = Directory.CreateTempSubdirectory("feedprocessor-hook-");

    public void Dispose() => _sandbox.Delete(recursive: true);

    public static TheoryData<string> Hooks => [ShellHook, PwshHook];

    [Theory]
    [MemberData(nameof(Hooks))]
    public void HookExistsAndDeploysTheSubscriptionTemplateWithTheKey(string hook)
    {
        Assert.True(File.Exists(hook), $"{hook} is missing");
        var text = File.ReadAllText(hook);

        Assert.Contains("https://", text);
        Assert.Contains("az functionapp keys list", text);
        Assert.Contains("systemKeys.blobs_extension", text);
        Assert.Contains("az deployment group create", text);
        Assert.Contains("events.bicep", text);
        Assert.Contains("--parameters", text);
        foreach (var parameter in new[] { "systemTopicName", "storageAccountName", "functionAppHostName", "blobsExtensionKey" })
            Assert.Contains(parameter, text);
        // The subscription's settings live in infra/events.bicep (checked by MonitoringAndEventGridTests), not in az arguments.
        Assert.DoesNotContain("event-subscription create", text);
        Assert.Contains("az storage blob upload", text);
        Assert.Contains("--auth-mode login", text);
        Assert.Contains("--overwrite", text);
        Assert.Contains("config/sources.json", text);
    }

    [Fact]
    public void ShellHookIsValidBashAndExecutable()
    {
        var result = ProcessRunner.Run("bash", ["-n", ShellHook]);

        Assert.True(result.ExitCode == 0, "bash -n postdeploy.sh failed:\n" + result.Combined);
        Assert.True((File.GetUnixFileMode(ShellHook) & UnixFileMode.UserExecute) != 0, "postdeploy.sh is not executable");
    }

    [Fact]
    public void CiScriptIsValidBashAndExecutable()
    {
        var script = RepoRoot.File(".ci", "bicep.sh");
        var result = ProcessRunner.Run("bash", ["-n", script]);

        Assert.True(result.ExitCode == 0, "bash -n .ci/bicep.sh failed:\n" + result.Combined);
        Assert.True((File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0, ".ci/bicep.sh is not executable");
        Assert.Contains("0.49.2", File.ReadAllText(script));
    }

    [Fact]
    public void ShellHookUploadsSourcesAndDeploysTheSubscriptionWithFakeAz()
    {
        var sources = Path.Combine(_sandbox.FullName, "sources.json");
        File.WriteAllText(sources, "{\"sources\":[]}");

        var (result, calls) = RunHookWithFakeAz(keyAfterAttempts: 1, extra: new() { ["FEEDPROCESSOR_SOURCES_FILE"] = sources });

        Assert.True(result.ExitCode == 0, "postdeploy.sh failed:\n" + result.Combined);
        Assert.DoesNotContain("fake-blobs-key", result.Combined);
        Assert.DoesNotContain(calls, c => c.Contains("fake-blobs-key")); // never on a command line

        var upload = Assert.Single(calls, c => c.StartsWith("<storage> <blob> <upload>"));
        foreach (var fragment in new[] { "<--auth-mode> <login>", "<--account-name> <sttest>", "<--container-name> <config>", "<--name> <sources.json>", $"<--file> <{sources}>", "<--overwrite>" })
        {
            Assert.Contains(fragment, upload);
        }

        var deploy = Assert.Single(calls, c => c.StartsWith("<deployment> <group> <create>"));
        foreach (var fragment in new[]
                 {
                     "<--resource-group> <rg-test>",
                     $"<--template-file> <{RepoRoot.File("infra", "events.bicep")}>",
                 })
        {
            Assert.Contains(fragment, deploy);
        }
        Assert.DoesNotContain(calls, c => c.StartsWith("<eventgrid>"));

        // What the deployment received: exactly the parameters infra/events.bicep declares, with the azd outputs and the key.
        var parameters = JsonNode.Parse(File.ReadAllText(Path.Combine(_sandbox.FullName, "deployed-parameters.json")))!["parameters"]!.AsObject();
        var declared = CompiledInfra.Events.Root["parameters"]!.AsObject();
        Assert.All(parameters, p => Assert.True(declared.ContainsKey(p.Key), $"events.bicep has no parameter {p.Key}"));
        Assert.All(declared.Where(p => p.Value!["defaultValue"] is null), p => Assert.True(parameters.ContainsKey(p.Key), $"the hook does not pass {p.Key}"));
        Assert.Equal("evgt-test", parameters["systemTopicName"]!["value"]!.GetValue<string>());
        Assert.Equal("sttest", parameters["storageAccountName"]!["value"]!.GetValue<string>());
        Assert.Equal("func-test.azurewebsites.net", parameters["functionAppHostName"]!["value"]!.GetValue<string>());
        Assert.Equal("fake-blobs-key", parameters["blobsExtensionKey"]!["value"]!.GetValue<string>());
        Assert.Equal("normalize-article-raw", parameters["subscriptionName"]!["value"]!.GetValue<string>());
        Assert.Equal("-rw-------", File.ReadAllText(Path.Combine(_sandbox.FullName, "deployed-parameters.mode")).Trim());
        Assert.False(File.Exists(File.ReadAllText(Path.Combine(_sandbox.FullName, "deployed-parameters.path")).Trim()), "the parameters file with the key was left behind");
    }

    [Fact]
    public void ShellHookWaitsForTheSystemKeyAndSkipsAMissingSourcesFile()
    {
        var (result, calls) = RunHookWithFakeAz(
            keyAfterAttempts: 3,
            extra: new() { ["FEEDPROCESSOR_SOURCES_FILE"] = Path.Combine(_sandbox.FullName, "absent.json") });

        Assert.True(result.ExitCode == 0, "postdeploy.sh failed:\n" + result.Combined);
        Assert.Equal(3, calls.Count(c => c.StartsWith("<functionapp> <keys> <list>")));
        Assert.DoesNotContain(calls, c => c.StartsWith("<storage>"));
        Assert.Single(calls, c => c.StartsWith("<deployment> <group> <create>"));
    }

    [Fact]
    public void ShellHookFailsClearlyWithoutItsInputs()
    {
        var (result, calls) = RunHookWithFakeAz(keyAfterAttempts: 1, extra: new() { ["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = null });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("AZURE_EVENTGRID_SYSTEM_TOPIC_NAME is not set", result.StdErr);
        Assert.Empty(calls);
    }

    /// <summary>
    /// Runs postdeploy.sh the way azd does (`sh script`), with fake az/curl/azd on PATH
    /// that record their arguments and never touch the network.
    /// </summary>
    private (ProcessResult Result, List<string> Calls) RunHookWithFakeAz(int keyAfterAttempts, Dictionary<string, string?> extra)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_sandbox.FullName, "bin")).FullName;
        var log = Path.Combine(_sandbox.FullName, "calls.log");
        var counter = Path.Combine(_sandbox.FullName, "key-attempts");
        var sandbox = _sandbox.FullName;

        WriteScript(Path.Combine(bin, "az"), $$"""
            #!/usr/bin/env bash
            { printf 'CALL'; printf ' <%s>' "$@"; printf '\n'; } >> '{{log}}'
            case "$1 $2 $3" in
              "functionapp keys list")
                n=$(( $(cat '{{counter}}' 2>/dev/null || echo 0) + 1 )); echo "$n" > '{{counter}}'
                if [ "$n" -ge {{keyAfterAttempts}} ]; then echo fake-blobs-key; fi ;;
              "deployment group create")
                # Keep what the deployment would receive: the parameters file named by --parameters @FILE.
                for arg in "$@"; do
                  case "$arg" in
                    @*) file="${arg#@}"
                        cp "$file" '{{sandbox}}/deployed-parameters.json'
                        stat -c '%A' "$file" > '{{sandbox}}/deployed-parameters.mode'
                        printf '%s' "$file" > '{{sandbox}}/deployed-parameters.path' ;;
                  esac
                done ;;
            esac
            exit 0
            """);
        WriteScript(Path.Combine(bin, "curl"), "#!/usr/bin/env bash\nexit 0\n");
        WriteScript(Path.Combine(bin, "azd"), "#!/usr/bin/env bash\nexit 1\n");

        var env = new Dictionary<string, string?>
        {
            ["PATH"] = bin + ":/usr/local/bin:/usr/bin:/bin",
            ["AZURE_RESOURCE_GROUP"] = "rg-test",
            ["AZURE_FUNCTION_APP_NAME"] = "func-test",
            ["AZURE_FUNCTION_APP_HOSTNAME"] = "func-test.azurewebsites.net",
            ["AZURE_STORAGE_ACCOUNT_NAME"] = "sttest",
            ["AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"] = "evgt-test",
            ["FEEDPROCESSOR_SOURCES_BLOB"] = null,
            ["FEEDPROCESSOR_HOOK_RETRIES"] = "5",
            ["FEEDPROCESSOR_HOOK_RETRY_DELAY"] = "0",
        };
        foreach (var (key, value) in extra)
        {
            env[key] = value;
        }

        var result = ProcessRunner.Run("sh", [ShellHook], RepoRoot.Path, env, TimeSpan.FromMinutes(1));
        var calls = File.Exists(log)
            ? File.ReadAllLines(log).Select(l => l["CALL ".Length..]).ToList()
            : [];
        return (result, calls);
    }

    private static void WriteScript(string path, string content)
    {
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
