namespace Depwatch.Core.Vulnerabilities;

/// <summary>A CVSS vector and its base score, with the source that published them (e.g. <c>nvd</c>).</summary>
public sealed record Cvss(string? Vector, double? Score, string Source);
