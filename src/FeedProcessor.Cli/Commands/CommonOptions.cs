using System.CommandLine;
using FeedProcessor.Cli.Hosting;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Cli.Commands;

/// <summary>The options `run` and `poll` share: where the sources and the store are, and the network policy.</summary>
internal sealed class CommonOptions
{
    public Option<string> Sources { get; } = new("--sources")
    {
        Description = "The sources file.",
        DefaultValueFactory = _ => "seeds/sources.json",
    };

    public Option<string> Store { get; } = new("--store")
    {
        Description = "Folder of the local store (ignored with --storage).",
        DefaultValueFactory = _ => BlobStoreFactory.DefaultFolder,
    };

    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = "Azure Blob Storage instead of a folder: a connection string (UseDevelopmentStorage=true for Azurite) or an account URL (uses DefaultAzureCredential).",
    };

    public Option<bool> AllowPrivateNetwork { get; } = new("--allow-private-network")
    {
        Description = "Allow sources on loopback and private networks (local fixtures, tests). Link-local and cloud metadata addresses stay refused.",
    };

    public Option<int> Concurrency { get; } = new("--concurrency")
    {
        Description = "How many sources are fetched at once (at most 2 per host).",
        DefaultValueFactory = _ => new FetcherOptions().TotalConcurrency,
    };

    public Option<string?> ContactUrl { get; } = new("--contact-url")
    {
        Description = "The contact URL sent in the User-Agent, so that publishers can reach whoever runs this poller.",
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
        Concurrency.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > FetcherOptions.MaxTotalConcurrency)
                result.AddError($"--concurrency must be between 1 and {FetcherOptions.MaxTotalConcurrency}.");
        });
    }

    /// <summary>Builds the services, or prints why it cannot (a clear sentence, no stack trace) and returns null.</summary>
    public CliServices? CreateServices(ParseResult parseResult, IReadOnlyList<SourceDefinition>? sourcesOverride = null, bool allowPrivateNetwork = false,
        Retention? retentionOverride = null)
    {
        try
        {
            var sources = sourcesOverride ?? SourceList.Load(parseResult.GetValue(Sources)!);
            var fetching = new FetcherOptions
            {
                AllowPrivateNetwork = allowPrivateNetwork || parseResult.GetValue(AllowPrivateNetwork),
                TotalConcurrency = parseResult.GetValue(Concurrency),
            };
            if (parseResult.GetValue(ContactUrl) is { Length: > 0 } contact) fetching.ContactUrl = contact;
            return CliServices.Create(sources, parseResult.GetValue(Store), parseResult.GetValue(Storage), fetching, retentionOverride ?? Retention.FromDays(parseResult.GetValue(RetentionDays)));
        }
        catch (SourceListException e)
        {
            Console.Error.WriteLine($"feedproc: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"feedproc: cannot open the store: {e.Message}");
            return null;
        }
    }
}
