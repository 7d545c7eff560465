namespace FeedProcessor.Core.Parsing;

/// <summary>Nothing could be read from the document; the message says why, in words a user can act on.</summary>
public sealed class FeedParseException(string message, Exception? inner = null) : Exception(message, inner);
