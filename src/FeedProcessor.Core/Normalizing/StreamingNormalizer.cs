using FeedProcessor.Core.Normalizing.Identity;
using FeedProcessor.Core.Parsing;

namespace FeedProcessor.Core.Normalizing;

/// <summary>
/// Normalizes entries as a streaming parser delivers them and hands the articles on in the feed's order. Entries
/// are normalized in batches on the thread pool while the parser reads the next batch, so a large feed uses every
/// core yet holds at most two batches; a feed smaller than one batch is normalized on the calling thread at
/// <see cref="Complete"/> and never touches the thread pool.
/// </summary>
public sealed class StreamingNormalizer
{
    public const int DefaultBatchSize = 256;

    private readonly Func<ParsedEntry, NormalizeContext> _createContext;
    private readonly Action<Article, IReadOnlyList<string>> _onArticle;
    private readonly int _batchSize;
    private readonly ParallelOptions _parallel;
    private NormalizeContext? _context;
    private List<ParsedEntry> _pending;
    private Task<Normalized[]>? _inFlight;
    private readonly RepeatedGuids _repeatedGuids = new();

    /// <param name="createContext">Called once, with the first entry, when the feed's metadata before it has been read.</param>
    /// <param name="onArticle">Each article in entry order, with the warnings its normalization gave; on the calling thread.</param>
    public StreamingNormalizer(Func<ParsedEntry, NormalizeContext> createContext, Action<Article, IReadOnlyList<string>> onArticle,
        int batchSize = DefaultBatchSize, int? parallelism = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _createContext = createContext;
        _onArticle = onArticle;
        _batchSize = batchSize;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? Environment.ProcessorCount };
        _pending = new List<ParsedEntry>(batchSize);
    }

    /// <summary>Articles handed on so far.</summary>
    public int Count { get; private set; }

    public void Add(ParsedEntry entry)
    {
        _context ??= _createContext(entry);
        _pending.Add(entry);
        if (_pending.Count < _batchSize) return;
        var batch = _pending;
        _pending = new List<ParsedEntry>(_batchSize);
        _repeatedGuids.Clear(batch);
        EmitInFlight();
        _inFlight = Task.Run(() => NormalizeBatch(batch));
    }

    /// <summary>Normalizes and hands on what is left; call once, after the parser returned (or threw).</summary>
    public void Complete()
    {
        EmitInFlight();
        var context = _context;
        _repeatedGuids.Clear(_pending);
        foreach (var entry in _pending) Emit(NormalizeOne(entry, context!));
        _pending.Clear();
    }

    private void EmitInFlight()
    {
        if (_inFlight is null) return;
        var results = _inFlight.GetAwaiter().GetResult();
        _inFlight = null;
        foreach (var result in results) Emit(result);
    }

    private Normalized[] NormalizeBatch(List<ParsedEntry> batch)
    {
        var context = _context!;
        var results = new Normalized[batch.Count];
        Parallel.For(0, batch.Count, _parallel, i => results[i] = NormalizeOne(batch[i], context));
        return results;
    }

    private static Normalized NormalizeOne(ParsedEntry entry, NormalizeContext context)
    {
        var warnings = new List<string>(0);
        return new Normalized(ArticleNormalizer.Shared.Normalize(entry, context, warnings), warnings);
    }

    private void Emit(Normalized result)
    {
        Count++;
        _onArticle(result.Article, result.Warnings);
    }

    private readonly record struct Normalized(Article Article, List<string> Warnings);
}
