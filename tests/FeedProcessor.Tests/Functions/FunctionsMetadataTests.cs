using System.Text.Json;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Functions;

/// <summary>
/// What the Functions host will see: the bindings the worker SDK generated at build time (functions.metadata),
/// and the host.json the app ships with. Core Tools cannot run here, so this is how the app's shape is checked.
/// </summary>
public sealed class FunctionsMetadataTests
{
    /// <summary>The Functions build of the configuration these tests were built in (bin/Debug/net10.0 for `dotnet test`).</summary>
    private static readonly string Output = RepoPaths.Combine("src", "FeedProcessor.Functions", "bin",
        new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0");

    private static Dictionary<string, JsonElement> Functions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Output, "functions.metadata")));
        return document.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.Clone());
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger"));

    [Fact]
    public void The_timer_polls_on_the_configured_schedule()
    {
        var timer = Trigger(Functions()["PollFeeds"]);
        Assert.Equal("timerTrigger", timer.GetProperty("type").GetString());
        Assert.Equal("%PollSchedule%", timer.GetProperty("schedule").GetString());
        Assert.False(timer.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }

    [Fact]
    public void The_reconciliation_sweep_runs_on_its_own_configured_schedule()
    {
        var timer = Trigger(Functions()["Reconcile"]);
        Assert.Equal("timerTrigger", timer.GetProperty("type").GetString());
        Assert.Equal("%ReconcileSchedule%", timer.GetProperty("schedule").GetString());
        Assert.False(timer.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
    }

    [Fact]
    public void The_normalizer_is_an_event_grid_blob_trigger_on_raw()
    {
        var blob = Trigger(Functions()["NormalizeArticle"]);
        Assert.Equal("blobTrigger", blob.GetProperty("type").GetString());
        Assert.Equal("raw/{name}", blob.GetProperty("path").GetString());
        Assert.Equal("EventGrid", blob.GetProperty("source").GetString());
        Assert.Equal("FeedStorage", blob.GetProperty("connection").GetString());
    }

    [Theory]
    [InlineData("PublishFeed", "feed")]
    [InlineData("Sources", "sources")]
    [InlineData("SourcesOpml", "sources.opml")]
    [InlineData("Health", "health")]
    [InlineData("Home", "{*rest}")]
    public void The_read_only_routes_are_anonymous_gets(string function, string route)
    {
        var http = Trigger(Functions()[function]);
        Assert.Equal(route, http.GetProperty("route").GetString());
        Assert.Equal("Anonymous", http.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["get", "head"], http.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void Polling_on_demand_needs_a_function_key()
    {
        var http = Trigger(Functions()["PollNow"]);
        Assert.Equal("poll", http.GetProperty("route").GetString());
        Assert.Equal("Function", http.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Equal(["post"], http.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void The_app_ships_the_root_host_json_and_the_default_sources()
    {
        Assert.Equal(File.ReadAllText(RepoPaths.Combine("host.json")), File.ReadAllText(Path.Combine(Output, "host.json")));
        Assert.Equal(File.ReadAllText(RepoPaths.Combine("seeds", "sources.json")), File.ReadAllText(Path.Combine(Output, "sources.json")));
        using var host = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("host.json")));
        var blobs = host.RootElement.GetProperty("extensions").GetProperty("blobs");
        Assert.True(blobs.GetProperty("poisonBlobThreshold").GetInt32() > 0);
        Assert.True(blobs.GetProperty("maxDegreeOfParallelism").GetInt32() > 0);
    }
}
