namespace Depwatch.Server.Teams;

/// <summary>A team as the API shows it (Dependency-Track's keys): its API keys without their secrets, its permissions.</summary>
public sealed record Team(Guid Uuid, string Name, IReadOnlyList<ApiKey> ApiKeys, IReadOnlyList<PermissionInfo> Permissions);

/// <summary>The calling key's team (<c>GET /api/v1/team/self</c>).</summary>
public sealed record TeamSelf(Guid Uuid, string Name, IReadOnlyList<PermissionInfo> Permissions);

/// <summary>
/// An API key. <see cref="Key"/>, the key itself, is present only in the answer that created it; afterwards only
/// its hash exists. Dates are milliseconds since the UNIX epoch.
/// </summary>
public sealed record ApiKey(string PublicId, string MaskedKey, string? Key, string? Comment, long Created, long? LastUsed, bool Legacy);

public sealed record PermissionInfo(string Name, string Description);

/// <summary>A team as <c>GET /api/v1/team/visible</c> lists it.</summary>
public sealed record VisibleTeam(string Name, Guid Uuid);

/// <summary>The body of <c>PUT /api/v1/team</c> (a new team), <c>POST</c> (a rename) and <c>DELETE</c> (only the uuid).</summary>
public sealed record TeamRequest(string? Name, Guid? Uuid = null);
