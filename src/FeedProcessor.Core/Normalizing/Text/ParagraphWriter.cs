using System.Text;

namespace FeedProcessor.Core.Normalizing.Text;

/// <summary>A paragraph of plain text; lines inside it are separated by a single LF.</summary>
/// <param name="Anchor">Where the paragraph's first text came from (a DOM text node), so repairs can be applied there too.</param>
internal sealed record Paragraph<TAnchor>(string Text, TAnchor? Anchor) where TAnchor : class;

/// <summary>
/// Builds paragraphs from a stream of text, line breaks and paragraph breaks: collapses whitespace,
/// drops invisible characters, never emits empty lines or paragraphs. Two line breaks in a row
/// (<c>&lt;br&gt;&lt;br&gt;</c>, a blank line) make a paragraph break, as readers expect.
/// </summary>
internal sealed class ParagraphWriter<TAnchor> where TAnchor : class
{
    private readonly StringBuilder _current = new();
    private readonly List<Paragraph<TAnchor>> _paragraphs = [];
    private TAnchor? _anchor;
    private bool _pendingSpace;
    private int _pendingLineBreaks;

    public IReadOnlyList<Paragraph<TAnchor>> Paragraphs => _paragraphs;

    public void Append(string text, TAnchor? source = null)
    {
        var rest = text.AsSpan();
        while (rest.Length > 0)
        {
            int stop = rest.IndexOfAny(Whitespace.SpacesAndInvisibles);
            var run = stop < 0 ? rest : rest[..stop];
            if (run.Length > 0)
            {
                StartRun(source);
                _current.Append(run);
            }
            if (stop < 0) break;
            if (Whitespace.IsSpace(rest[stop])) _pendingSpace = true;
            rest = rest[(stop + 1)..];
        }
    }

    /// <summary>Writes the separator the pending breaks and spaces call for before a run of visible text.</summary>
    private void StartRun(TAnchor? source)
    {
        if (_current.Length > 0)
        {
            if (_pendingLineBreaks == 1) _current.Append('\n');
            else if (_pendingLineBreaks > 1) EndParagraph();
            else if (_pendingSpace) _current.Append(' ');
        }
        if (_current.Length == 0) _anchor = source;
        _pendingSpace = false;
        _pendingLineBreaks = 0;
    }

    public void LineBreak()
    {
        if (_current.Length > 0) _pendingLineBreaks++;
        _pendingSpace = false;
    }

    public void EndParagraph()
    {
        if (_current.Length > 0) _paragraphs.Add(new Paragraph<TAnchor>(_current.ToString(), _anchor));
        _current.Clear();
        _anchor = null;
        _pendingSpace = false;
        _pendingLineBreaks = 0;
    }

    /// <summary>Plain text (LF-separated lines, blank lines between paragraphs) into paragraphs.</summary>
    public static IReadOnlyList<Paragraph<TAnchor>> FromPlainText(string text)
    {
        var writer = new ParagraphWriter<TAnchor>();
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var line = text.AsSpan(start, end - start);
            if (line.IsWhiteSpace()) writer.EndParagraph();
            else { writer.Append(line.ToString()); writer.LineBreak(); }
            start = end + 1;
        }
        writer.EndParagraph();
        return writer.Paragraphs;
    }
}
