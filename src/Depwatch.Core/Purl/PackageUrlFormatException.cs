namespace Depwatch.Core.Purl;

public sealed class PackageUrlFormatException(string message) : FormatException(message);
