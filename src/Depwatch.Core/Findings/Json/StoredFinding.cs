namespace Depwatch.Core.Findings.Json;

/// <summary>What a server adds to a finding it keeps: the UUIDs of its project, component and vulnerability, and when it was first reported.</summary>
public sealed record StoredFinding(Guid Project, Guid Component, Guid Vulnerability, DateTimeOffset AttributedOn);
