namespace FeedProcessor.Core.Sources;

/// <summary>The sources file is unusable; the message names the file, the source and the field.</summary>
public sealed class SourceListException(string message, Exception? inner = null) : Exception(message, inner);
