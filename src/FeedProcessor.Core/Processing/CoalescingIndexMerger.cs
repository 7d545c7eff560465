using FeedProcessor.Core.Normalizing;
using FeedProcessor.Core.Storage.Index;

namespace FeedProcessor.Core.Processing;

/// <summary>
/// Merges articles into the article index as they arrive one at a time (the Functions app normalizes each raw blob in
/// its own invocation) with a group commit: while one batch is being added, the articles that arrive wait, and the
/// next <see cref="ArticleIndexer.AddAsync"/> takes them all, so copies of one story that arrive together are matched
/// with each other. A caller returns only once its article is in the stored index, or with the error that kept it out, so a
/// raw blob is acknowledged only after its merge. (<see cref="Pipeline"/> sees a whole cycle at once and merges
/// its own batches; this is for callers that see one article at a time.)
/// </summary>
public sealed class CoalescingIndexMerger(ArticleIndexer index, int maxBatch = 500)
{
    private readonly Lock _gate = new();
    private List<Waiting> _waiting = [];
    private bool _merging;

    private sealed record Waiting(Article Article, TaskCompletionSource Merged);

    public Task MergeAsync(Article article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        var waiting = new Waiting(article, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        lock (_gate)
        {
            _waiting.Add(waiting);
            lead = !_merging;
            _merging = true;
        }
        if (lead) _ = Task.Run(MergeWhileWaitingAsync, CancellationToken.None);
        // A caller that gives up still has its article merged: merging twice is harmless, losing one is not.
        return waiting.Merged.Task.WaitAsync(cancellationToken);
    }

    private async Task MergeWhileWaitingAsync()
    {
        while (true)
        {
            List<Waiting> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _merging = false;
                    return;
                }
                batch = _waiting.Count <= maxBatch ? _waiting : _waiting[..maxBatch];
                _waiting = _waiting.Count <= maxBatch ? [] : _waiting[maxBatch..];
            }
            try
            {
                await index.AddAsync([.. batch.Select(w => w.Article)], CancellationToken.None).ConfigureAwait(false);
                foreach (var waiting in batch) waiting.Merged.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var waiting in batch) waiting.Merged.TrySetException(e);
            }
        }
    }
}
