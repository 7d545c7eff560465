namespace FeedProcessor.Core.Storage;

/// <summary>
/// Checks container and blob names before they reach a store, so that nothing a feed or a request says
/// can escape the store's folder or address another container (path traversal).
/// </summary>
public static class BlobNames
{
    public static void ValidateContainer(string container)
    {
        if (!Containers.All.Contains(container))
            throw new ArgumentException($"Unknown container \"{container}\".", nameof(container));
    }

    public static void Validate(string name)
    {
        if (!IsSafe(name))
            throw new ArgumentException($"Unsafe blob name \"{name}\".", nameof(name));
    }

    /// <summary>Segments of a-z A-Z 0-9 . _ - separated by '/', none empty, none starting with a dot.</summary>
    public static bool IsSafe(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 512) return false;
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.') return false;
            foreach (var c in segment)
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) return false;
        }
        return true;
    }
}
