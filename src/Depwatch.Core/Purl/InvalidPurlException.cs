namespace Depwatch.Core.Purl;

/// <summary>Raised inside the parser with the reason only; <see cref="PackageUrl.TryParse"/> adds the purl text.</summary>
internal sealed class InvalidPurlException(string reason) : Exception(reason);
