using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FeedProcessor.Infra.Tests.Support;

/// <summary>A resource of the compiled template, with the (nested) template that declares it.</summary>
public sealed record ArmResource(string Type, string Name, JsonObject Json, JsonObject Template, string Module)
{
    public JsonObject Properties => Json["properties"] as JsonObject ?? new JsonObject();

    /// <summary>Replaces variables('x') by the string value of variable x of the declaring template.</summary>
    public string Resolve(string? expression) => CompiledInfra.ResolveVariables(expression ?? string.Empty, Template);
}

/// <summary>
/// infra/main.bicep (and the second-phase infra/events.bicep) compiled once per test
/// run (bicep build --outfile into a temp dir) and linted once; shared by every test class.
/// </summary>
public sealed partial class CompiledInfra
{
    private static readonly Lazy<CompiledInfra> Shared = new(() => Compile("main.bicep"), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<CompiledInfra> SharedEvents = new(() => Compile("events.bicep"), LazyThreadSafetyMode.ExecutionAndPublication);

    private CompiledInfra(JsonObject root, string text, ProcessResult build, ProcessResult lint)
    {
        Root = root;
        Text = text;
        Build = build;
        Lint = lint;
        Resources = Collect(root, "main").ToList();
    }

    public static CompiledInfra Instance => Shared.Value;

    /// <summary>infra/events.bicep: the Event Grid subscription the postdeploy hook deploys once the webhook key exists.</summary>
    public static CompiledInfra Events => SharedEvents.Value;

    public JsonObject Root { get; }

    /// <summary>The whole compiled ARM JSON as text.</summary>
    public string Text { get; }

    public ProcessResult Build { get; }

    public ProcessResult Lint { get; }

    /// <summary>Every resource, nested module templates included.</summary>
    public IReadOnlyList<ArmResource> Resources { get; }

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}");
        return matches[0];
    }

    /// <summary>The module deployment resource (Microsoft.Resources/deployments) declared in main.bicep.</summary>
    public JsonObject Module(string name)
    {
        var module = OfType("Microsoft.Resources/deployments").FirstOrDefault(r => r.Name == name && r.Module == "main");
        Assert.True(module is not null, $"main.bicep has no module deployment named '{name}'");
        return module!.Json;
    }

    public JsonObject ModuleTemplate(string name) =>
        Module(name)["properties"]?["template"] as JsonObject
        ?? throw new InvalidOperationException($"Module '{name}' has no inline template");

    public JsonObject Parameter(string name, JsonObject? template = null)
    {
        var parameter = (template ?? Root)["parameters"]?[name] as JsonObject;
        Assert.True(parameter is not null, $"Parameter '{name}' is missing");
        return parameter!;
    }

    public JsonObject Output(string name)
    {
        var output = Root["outputs"]?[name] as JsonObject;
        Assert.True(output is not null, $"Output '{name}' is missing from main.bicep");
        return output!;
    }

    public static string ResolveVariables(string expression, JsonObject template) =>
        VariableReference().Replace(expression, m =>
            template["variables"]?[m.Groups[1].Value] is JsonValue value && value.TryGetValue<string>(out var s)
                ? s
                : m.Value);

    /// <summary>
    /// The text of <c>[format('...', variables('a'), ...)]</c> with each variable's string value put in, as ARM would
    /// evaluate it; plain strings come back as they are.
    /// </summary>
    public static string EvaluateFormat(string expression, JsonObject template)
    {
        var match = FormatOfVariables().Match(expression);
        if (!match.Success) return expression;
        var format = match.Groups[1].Value.Replace("''", "'");
        var arguments = VariableReference().Matches(match.Groups[2].Value)
            .Select(m => template["variables"]?[m.Groups[1].Value]?.GetValue<string>() ?? m.Value)
            .ToArray();
        return ArgumentPlaceholder().Replace(format, m => arguments[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
    }

    private static CompiledInfra Compile(string fileName)
    {
        var cli = BicepCli.Path;
        var template = RepoRoot.File("infra", fileName);
        Assert.True(File.Exists(template), $"{template} does not exist");

        var outDir = Directory.CreateTempSubdirectory("feedprocessor-infra-");
        try
        {
            var outFile = Path.Combine(outDir.FullName, Path.ChangeExtension(fileName, ".json"));
            var build = BicepCli.Run("build", template, "--outfile", outFile, "--no-restore");
            if (build.ExitCode != 0 || !File.Exists(outFile))
            {
                throw new InvalidOperationException(
                    $"`{cli} build infra/{fileName}` failed (exit {build.ExitCode}):\n{build.Combined}");
            }

            var lint = BicepCli.Run("lint", template, "--no-restore");
            var text = File.ReadAllText(outFile);
            var root = JsonNode.Parse(text) as JsonObject
                ?? throw new InvalidOperationException("Compiled template is not a JSON object");
            return new CompiledInfra(root, text, build, lint);
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    private static IEnumerable<ArmResource> Collect(JsonObject template, string module)
    {
        // languageVersion 2.0 templates keep resources in an object keyed by symbolic name.
        var resources = template["resources"] switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject map => map.Select(p => p.Value).OfType<JsonObject>(),
            _ => [],
        };

        foreach (var resource in resources)
        {
            var type = resource["type"]?.GetValue<string>() ?? string.Empty;
            var name = resource["name"]?.GetValue<string>() ?? string.Empty;
            if (resource["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            yield return new ArmResource(type, name, resource, template, module);

            if (type == "Microsoft.Resources/deployments" && resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Collect(nested, name))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"variables\('([^']+)'\)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\[format\('((?:[^']|'')*)'((?:,\s*variables\('[^']+'\))*)\)\]$", RegexOptions.Singleline)]
    private static partial Regex FormatOfVariables();

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex ArgumentPlaceholder();
}
