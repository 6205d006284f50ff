namespace Depwatch.Core.Vulnerabilities;

/// <summary>The advisory database a finding came from, as the analyzer reported it.</summary>
public sealed record DataSource(string Id, string? Name, string? Url);
