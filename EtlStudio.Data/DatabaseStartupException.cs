namespace EtlStudio.Data;

/// <summary>The configuration database could not be reached or set up at start. The message is one line that names
/// the provider and the configuration key to fix; the host logs it and exits non-zero.</summary>
public sealed class DatabaseStartupException(string message, Exception? inner = null) : Exception(message, inner);
