using AngleSharp.Dom;

namespace FeedProcessor.Core.Normalizing.Html;

/// <summary>
/// Unwraps elements nested deeper than a limit (their children move up), so that no later recursive walk —
/// AngleSharp's serializer, a reader's renderer — can overflow the stack on hostile input. No real article nests this deep.
/// </summary>
internal static class NestingFlattener
{
    public const int MaxDepth = 64;

    public static void Flatten(INode root)
    {
        var node = root.FirstChild;
        int depth = 1;
        while (node is not null)
        {
            if (depth > MaxDepth && node is IElement && node.Parent is { } parent)
            {
                var firstChild = node.FirstChild;
                while (node.FirstChild is { } child) parent.InsertBefore(child, node);
                var next = firstChild ?? node.NextSibling;
                var fallback = node.Parent;
                parent.RemoveChild(node);
                if (next is not null) { node = next; continue; }
                node = ClimbToNextSibling(fallback!, root, ref depth);
                continue;
            }

            if (node.FirstChild is { } first) { node = first; depth++; continue; }
            if (node.NextSibling is { } sibling) { node = sibling; continue; }
            node = ClimbToNextSibling(node.Parent!, root, ref depth);
        }
    }

    /// <summary>From a finished parent, the next node in document order at its level or above, or null at the root.</summary>
    private static INode? ClimbToNextSibling(INode parent, INode root, ref int depth)
    {
        var node = parent;
        depth--;
        while (node != root)
        {
            if (node.NextSibling is { } sibling) return sibling;
            node = node.Parent!;
            depth--;
        }
        return null;
    }
}
