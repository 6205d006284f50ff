namespace Depwatch.Core.PackageIndexes;

/// <summary>A package index that cannot be read: the message says what is wrong and where.</summary>
public sealed class PackageIndexFormatException(string message, Exception? inner = null) : Exception(message, inner);
