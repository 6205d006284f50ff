namespace Depwatch.Core.Components;

/// <summary>One of a component's CycloneDX <c>hashes</c>: the algorithm as CycloneDX names it (<c>SHA-256</c>) and the hex digest.</summary>
public sealed record ComponentHash(string Algorithm, string Content);
