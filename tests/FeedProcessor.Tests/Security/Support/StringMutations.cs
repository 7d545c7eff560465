using CsCheck;

namespace FeedProcessor.Tests.Security.Support;

/// <summary>
/// Mutations of real strings (a date, a URL, a title as feeds write them): characters replaced, inserted, deleted,
/// runs duplicated, pieces of other seeds spliced in. Mutating real inputs reaches the corners of a hand-written
/// reader far sooner than random text does.
/// </summary>
internal static class StringMutations
{
    /// <summary>The seed CI replays: a red build always points at a reproducible input.</summary>
    public const string CiSeed = "0N0XIzNsQ0O1";

    /// <summary>CI's iteration count, or FEEDPROC_FUZZ_ITERATIONS for a long run (which explores fresh seeds and prints the failing one).</summary>
    public static (long Iterations, string? Seed) Run(long ciIterations)
    {
        var longRun = long.TryParse(Environment.GetEnvironmentVariable("FEEDPROC_FUZZ_ITERATIONS"), out var n) && n > 0;
        return longRun ? (n, Environment.GetEnvironmentVariable("CsCheck_Seed")) : (ciIterations, Environment.GetEnvironmentVariable("CsCheck_Seed") ?? CiSeed);
    }

    public static Gen<string> Of(IReadOnlyList<string> seeds, string alphabet) =>
        Gen.Int[0, seeds.Count - 1].SelectMany(seed =>
            Gen.Select(Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int[0, seeds.Count - 1], Gen.Char[alphabet])
                .Array[0, 5]
                .Select(mutations => mutations.Aggregate(seeds[seed], (text, m) => Mutate(text, m.Item1, m.Item2, m.Item3, seeds[m.Item4], m.Item5))));

    private static string Mutate(string text, int kind, int a, int b, string other, char c)
    {
        var at = text.Length == 0 ? 0 : a % (text.Length + 1);
        switch (kind)
        {
            case 0 when text.Length > 0: // replace a character
                var i = a % text.Length;
                return string.Concat(text.AsSpan(0, i), c.ToString(), text.AsSpan(i + 1));
            case 1: // insert a character
                return text.Insert(at, c.ToString());
            case 2 when text.Length > 0: // delete a run
                var start = a % text.Length;
                return text.Remove(start, Math.Min(text.Length - start, 1 + b % 4));
            case 3 when text.Length > 0: // duplicate a run
                var from = a % text.Length;
                var run = text.Substring(from, Math.Min(text.Length - from, 1 + b % 6));
                return text.Insert(from, run);
            case 4 when other.Length > 0: // splice in a piece of another seed
                var pieceStart = b % other.Length;
                return text.Insert(at, other.Substring(pieceStart, Math.Min(other.Length - pieceStart, 1 + b % 12)));
            default: // a surrogate half or a control character, which decoders let through
                return text.Insert(at, (b % 3) switch { 0 => "\uD800", 1 => "\u0000", _ => "\uFFFF" });
        }
    }
}
