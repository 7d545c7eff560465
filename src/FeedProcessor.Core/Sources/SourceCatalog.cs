using System.Text;
using FeedProcessor.Core.Storage;

namespace FeedProcessor.Core.Sources;

/// <summary>
/// The Functions app's source list: the `config/sources.json` blob when the operator uploaded one, else the
/// sources.json shipped with the app. Re-read at every poll, so an edited list takes effect without a redeploy.
/// A broken upload is reported and the last good list stays in use.
/// </summary>
public sealed class SourceCatalog(IBlobStore store, string blobName, string shippedFile)
{
    private IReadOnlyList<SourceDefinition>? _current;

    public string? LastError { get; private set; }

    public IReadOnlyList<SourceDefinition> Current => _current ?? [];

    public SourceDefinition? Find(string id) => Current.FirstOrDefault(s => s.Id == id);

    public async Task<IReadOnlyList<SourceDefinition>> RefreshAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var blob = await store.ReadAsync(Containers.Config, blobName, cancellationToken).ConfigureAwait(false);
            _current = blob is null
                ? SourceList.Load(shippedFile)
                : SourceList.Parse(Encoding.UTF8.GetString(blob.Content), $"{Containers.Config}/{blobName}");
            LastError = null;
        }
        catch (SourceListException e) when (_current is not null)
        {
            LastError = e.Message;
        }
        return Current;
    }

    /// <summary>Loads once if nothing is loaded yet (HTTP functions may run before the first poll).</summary>
    public async Task<IReadOnlyList<SourceDefinition>> EnsureLoadedAsync(CancellationToken cancellationToken = default) =>
        _current ?? await RefreshAsync(cancellationToken).ConfigureAwait(false);
}
