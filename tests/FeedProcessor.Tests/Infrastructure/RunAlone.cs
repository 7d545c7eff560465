namespace FeedProcessor.Tests.Infrastructure;

/// <summary>
/// Tests that must not share the machine with the rest of the suite run in this collection, one class at a time,
/// after the parallel tests: those that measure the whole process's memory (the GC heap is shared by every test
/// running at once), and those that stop and restart storage at an exact moment.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "run alone";
}
