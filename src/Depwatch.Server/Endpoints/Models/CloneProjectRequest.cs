namespace Depwatch.Server.Endpoints.Models;

/// <summary>
/// Dependency-Track's clone request (<c>PUT /api/v1/project/clone</c>). <see cref="IncludeDependencies"/> is the older
/// name of <see cref="IncludeComponents"/>. Services, the access list and policy violations have nothing to copy in
/// Depwatch yet: their switches are accepted and have no effect.
/// </summary>
public sealed record CloneProjectRequest
{
    public string? Project { get; init; }
    public string? Version { get; init; }
    public bool IncludeTags { get; init; }
    public bool IncludeProperties { get; init; }
    public bool IncludeDependencies { get; init; }
    public bool IncludeComponents { get; init; }
    public bool IncludeServices { get; init; }
    public bool IncludeAuditHistory { get; init; }
    public bool IncludeACL { get; init; }
    public bool IncludePolicyViolations { get; init; }
    public bool MakeCloneLatest { get; init; }
}
