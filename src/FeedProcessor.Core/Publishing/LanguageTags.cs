using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace FeedProcessor.Core.Publishing;

/// <summary>The shape of a BCP 47 tag; validators flag anything else in a language element.</summary>
public static partial class LanguageTags
{
    public static bool IsWellFormed([NotNullWhen(true)] string? tag) =>
        tag is { Length: >= 2 and <= 35 } && Pattern().IsMatch(tag);

    [GeneratedRegex(@"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*\z")]
    private static partial Regex Pattern();
}
