namespace FeedProcessor.Core.Publishing.Http;

/// <summary>A small least-recently-used cache of rendered responses, safe to share between request threads.</summary>
public sealed class RenderedResponseCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, RenderedResponse Value)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, RenderedResponse Value)> _recency = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get { lock (_lock) return _entries.Count; }
    }

    public bool TryGet(string key, out RenderedResponse response)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                response = node.Value.Value;
                return true;
            }
        }
        response = null!;
        return false;
    }

    public void Set(string key, RenderedResponse response)
    {
        if (capacity <= 0) return;
        lock (_lock)
        {
            if (_entries.Remove(key, out var existing)) _recency.Remove(existing);
            var node = _recency.AddFirst((key, response));
            _entries[key] = node;
            while (_entries.Count > capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }
    }
}
