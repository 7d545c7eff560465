using System.Runtime.CompilerServices;

namespace FeedProcessor.Core.Parsing.Encoding;

internal static class CodePages
{
    /// <summary>
    /// windows-1251, KOI8-R, GBK, Shift_JIS and friends exist in .NET only once this provider is registered.
    /// A module initializer runs it once before any parsing, CLI or Functions code touches an encoding.
    /// </summary>
#pragma warning disable CA2255 // the library itself needs the code pages, whichever host loads it
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
}
