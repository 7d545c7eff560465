using System.CommandLine;
using FeedProcessor.Cli.Hosting;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Cli.Commands;

/// <summary>The options `run` and `poll` share: where the sources and the store are, the network policy, and the log.</summary>
internal sealed class CommonOptions
{
    /// <summary>The sources file shipped with the program (a copy of the repository's seeds/sources.json), beside it.</summary>
    public static string DefaultSourcesFile => Path.Combine(AppContext.BaseDirectory, "seeds", "sources.json");

    public Option<string> Sources { get; } = new("--sources")
    {
        Description = "The sources file. Default: seeds/sources.json beside the feedproc program (a copy of the repository's seeds/sources.json).",
        HelpName = "FILE",
    };

    public Option<string> Store { get; } = new("--store")
    {
        Description = "Folder of the local store, created if missing; relative to the current folder.",
        DefaultValueFactory = _ => BlobStoreFactory.DefaultFolder,
        HelpName = "DIR",
    };

    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = "Azure Blob Storage instead of a folder: a connection string (UseDevelopmentStorage=true for Azurite) or an account URL (uses DefaultAzureCredential).",
        HelpName = "CONNECTION",
    };

    public Option<bool> AllowPrivateNetwork { get; } = new("--allow-private-network")
    {
        Description = "Allow sources on loopback and private networks (local fixtures, tests). Link-local and cloud metadata addresses stay refused.",
    };

    public Option<int> Concurrency { get; } = new("--concurrency")
    {
        Description = $"How many sources are fetched at once, 1-{FetcherOptions.MaxTotalConcurrency} (at most 2 per host).",
        DefaultValueFactory = _ => new FetcherOptions().TotalConcurrency,
        CustomParser = OptionValues.WholeNumber(1, FetcherOptions.MaxTotalConcurrency),
        HelpName = "N",
    };

    public Option<string?> ContactUrl { get; } = new("--contact-url")
    {
        Description = "The contact URL sent in the User-Agent, so that publishers can reach whoever runs this poller.",
        HelpName = "URL",
    };

    public Option<bool> Force { get; } = new("--force")
    {
        Description = "Poll every source now, ignoring the waits of earlier polls (backoff after failures, Retry-After, caching hints).",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log debug events and the stack traces of errors (to stderr).",
    };

    public Option<int> RetentionDays { get; } = new("--retention")
    {
        Description = "Days an article stays in the archive and the feeds, by its publication date.",
        DefaultValueFactory = _ => Retention.DefaultDays,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(RetentionDays);
        RetentionDays.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > Retention.MaxDays)
                result.AddError($"--retention must be between 1 and {Retention.MaxDays} days.");
        });
        command.Options.Add(ContactUrl);
        command.Options.Add(Sources);
        command.Options.Add(Store);
        command.Options.Add(Storage);
        command.Options.Add(AllowPrivateNetwork);
        command.Options.Add(Concurrency);
        command.Options.Add(Force);
        command.Options.Add(Verbose);
        Store.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                result.AddError("--store needs a folder, e.g. --store .feedproc (the default).");
        });
        Sources.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
                result.AddError("--sources needs a file, e.g. --sources seeds/sources.json.");
        });
        command.Validators.Add(result =>
        {
            // Two stores named at once: one would be silently ignored.
            if (result.GetResult(Storage) is { Implicit: false } && result.GetResult(Store) is { Implicit: false })
                result.AddError("--store and --storage both name a store; give one.");
        });
        ContactUrl.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                result.AddError($"--contact-url must be an absolute http or https URL, such as https://example.org/contact, not \"{text}\".");
        });
    }

    /// <summary>--retention where the command offers it, else the default.</summary>
    private Retention RetentionFrom(ParseResult parseResult) =>
        Retention.FromDays(parseResult.GetResult(RetentionDays) is null ? null : parseResult.GetValue(RetentionDays));

    /// <summary>The sources file to read: --sources, else the one shipped beside the program.</summary>
    public string SourcesFile(ParseResult parseResult) => parseResult.GetValue(Sources) is { Length: > 0 } given ? given : DefaultSourcesFile;

    /// <summary>
    /// Builds the services, or prints why it cannot (one clear line, no stack trace) and returns null.
    /// <paramref name="defaultStore"/> replaces the default store folder (the demo keeps its data apart).
    /// </summary>
    public CliServices? CreateServices(ParseResult parseResult, IReadOnlyList<SourceDefinition>? sourcesOverride = null, bool allowPrivateNetwork = false,
        string? defaultStore = null, Retention? retentionOverride = null)
    {
        var storeFolder = defaultStore is not null && parseResult.GetResult(Store) is null or { Implicit: true }
            ? defaultStore
            : parseResult.GetValue(Store)!;
        var storage = parseResult.GetValue(Storage);
        try
        {
            var sources = sourcesOverride ?? SourceList.Load(SourcesFile(parseResult));
            var fetching = new FetcherOptions
            {
                AllowPrivateNetwork = allowPrivateNetwork || parseResult.GetValue(AllowPrivateNetwork),
                // Commands that fetch nothing (`poison`) do not offer --concurrency: the default then.
                TotalConcurrency = parseResult.GetResult(Concurrency) is null ? new FetcherOptions().TotalConcurrency : parseResult.GetValue(Concurrency),
                IgnoreEarlierWaits = parseResult.GetResult(Force) is not null && parseResult.GetValue(Force),
            };
            if (parseResult.GetValue(ContactUrl) is { Length: > 0 } contact) fetching.ContactUrl = contact;
            if (string.IsNullOrWhiteSpace(storage) && StoreFolder.Problem(storeFolder) is { } problem)
            {
                Console.Error.WriteLine($"feedproc: {problem}");
                return null;
            }
            return CliServices.Create(sources, storeFolder, storage, fetching, retentionOverride ?? RetentionFrom(parseResult),
                parseResult.GetValue(Verbose));
        }
        catch (SourceListException e)
        {
            Console.Error.WriteLine($"feedproc: {e.Message}");
            return null;
        }
        catch (Exception e) when (storage is { Length: > 0 } && e is FormatException or ArgumentException or UriFormatException)
        {
            Console.Error.WriteLine("feedproc: --storage must be a connection string (UseDevelopmentStorage=true for Azurite, or " +
                "DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...) or an account URL such as https://myaccount.blob.core.windows.net.");
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"feedproc: cannot open the store: {e.Message.Split('\n', 2)[0].Trim()}");
            return null;
        }
    }
}
