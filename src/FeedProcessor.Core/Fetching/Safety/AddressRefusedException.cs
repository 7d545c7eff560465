namespace FeedProcessor.Core.Fetching.Safety;

/// <summary>Thrown from the connect callback so the refusal reason survives HttpClient's exception wrapping.</summary>
internal sealed class AddressRefusedException(string message) : IOException(message);

/// <summary>The host name did not resolve; carries a sentence naming the host.</summary>
internal sealed class HostResolutionException(string message, Exception? inner) : IOException(message, inner);
