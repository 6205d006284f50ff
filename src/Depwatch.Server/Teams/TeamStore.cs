using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Depwatch.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Teams;

/// <summary>Teams, their permissions and API keys. Plain keys leave this class once, when created; only hashes are stored.</summary>
internal sealed partial class TeamStore(IDbContextFactory<DepwatchDbContext> contexts, TimeProvider time, ILogger<TeamStore> logger)
{
    public async Task<Team?> FindAsync(Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        return team is null ? null : await ToApiAsync(db, team, cancellationToken);
    }

    public async Task<List<Team>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().ToListAsync(cancellationToken);
        var keys = (await db.ApiKeys.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(k => k.TeamId);
        return [.. teams.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => ToApi(t, keys[t.Id]))];
    }

    public async Task<TeamSelf?> FindSelfAsync(Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        return team is null ? null : new TeamSelf(team.Id, team.Name, Describe(team.Permissions));
    }

    public async Task<TeamChange> CreateAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Teams.AnyAsync(t => t.Name == name, cancellationToken))
        {
            return new TeamChange(TeamChangeStatus.NameTaken);
        }
        var team = new TeamEntity { Id = Guid.NewGuid(), Name = name };
        db.Teams.Add(team);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new TeamChange(TeamChangeStatus.NameTaken);
        }
        LogTeamCreated(logger, name);
        return new TeamChange(TeamChangeStatus.Changed, ToApi(team, []));
    }

    public async Task<TeamChange> SetPermissionAsync(Guid teamId, string permission, bool granted, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return new TeamChange(TeamChangeStatus.TeamNotFound);
        }
        if (!Permissions.IsKnown(permission))
        {
            return new TeamChange(TeamChangeStatus.PermissionNotFound);
        }
        var held = ParsePermissions(team.Permissions);
        if (held.Contains(permission) == granted)
        {
            return new TeamChange(TeamChangeStatus.Unchanged);
        }
        if (!granted && permission == Permissions.AccessManagement && !await AccessManagerRemainsAsync(db, teamId, null, cancellationToken))
        {
            return new TeamChange(TeamChangeStatus.WouldLockOut);
        }
        team.Permissions = string.Join(',', granted ? held.Append(permission) : held.Where(p => p != permission));
        await db.SaveChangesAsync(cancellationToken);
        LogPermissionChanged(logger, permission, granted ? "granted to" : "revoked from", team.Name);
        return new TeamChange(TeamChangeStatus.Changed, await ToApiAsync(db, team, cancellationToken));
    }

    /// <summary>A new key for the team, the plain key included; null when the team does not exist.</summary>
    public async Task<ApiKey?> CreateKeyAsync(Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return null;
        }
        var (key, publicId, secretHash) = ApiKeys.Generate();
        var entity = new ApiKeyEntity { Id = Guid.NewGuid(), TeamId = teamId, PublicId = publicId, SecretHash = secretHash, Created = time.GetUtcNow() };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        LogKeyCreated(logger, publicId, team.Name);
        return ToApi(entity) with { Key = key };
    }

    /// <param name="publicIdOrKey">The key's public id, or the whole key.</param>
    public async Task<TeamChangeStatus> RevokeKeyAsync(string publicIdOrKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await FindKeyAsync(db, publicIdOrKey, cancellationToken);
        if (key is null)
        {
            return TeamChangeStatus.KeyNotFound;
        }
        if (!await AccessManagerRemainsAsync(db, null, key.Id, cancellationToken))
        {
            return TeamChangeStatus.WouldLockOut;
        }
        db.ApiKeys.Remove(key);
        await db.SaveChangesAsync(cancellationToken);
        LogKeyRevoked(logger, key.PublicId);
        return TeamChangeStatus.Changed;
    }

    private static Task<ApiKeyEntity?> FindKeyAsync(DepwatchDbContext db, string publicIdOrKey, CancellationToken cancellationToken) =>
        publicIdOrKey.Length == 8
            ? db.ApiKeys.FirstOrDefaultAsync(k => k.PublicId == publicIdOrKey, cancellationToken)
            : db.ApiKeys.Presented(publicIdOrKey).FirstOrDefaultAsync(cancellationToken);

    // Teams and keys are managed only through keys holding ACCESS_MANAGEMENT: losing the last one cannot be undone.
    private static async Task<bool> AccessManagerRemainsAsync(
        DepwatchDbContext db, Guid? teamLosingPermission, Guid? keyBeingRevoked, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Permissions }).ToListAsync(cancellationToken);
        List<Guid> managers = [.. teams
            .Where(t => t.Id != teamLosingPermission && ParsePermissions(t.Permissions).Contains(Permissions.AccessManagement))
            .Select(t => t.Id)];
        return await db.ApiKeys.AnyAsync(k => managers.Contains(k.TeamId) && k.Id != keyBeingRevoked, cancellationToken);
    }

    private static List<string> ParsePermissions(string permissions) => [.. permissions.Split(',', StringSplitOptions.RemoveEmptyEntries)];

    private static IReadOnlyList<PermissionInfo> Describe(string permissions) =>
        [.. ParsePermissions(permissions).Order(StringComparer.Ordinal).Select(PermissionDescriptions.Describe)];

    private static Team ToApi(TeamEntity team, IEnumerable<ApiKeyEntity> keys) =>
        new(team.Id, team.Name, [.. keys.OrderBy(k => k.Created).Select(ToApi)], Describe(team.Permissions));

    // Keys an operator chose are hashed whole; their public id ("~" and 7 hex digits) is derived from the hash.
    private static ApiKey ToApi(ApiKeyEntity key)
    {
        var legacy = key.PublicId.StartsWith('~');
        var masked = (legacy ? key.PublicId : ApiKeys.Prefix + key.PublicId) + new string('*', 32);
        return new ApiKey(key.PublicId, masked, null, key.Comment, key.Created.ToUnixTimeMilliseconds(), key.LastUsed?.ToUnixTimeMilliseconds(), legacy);
    }

    [LoggerMessage(EventId = 501, Level = LogLevel.Information, Message = "Team {Team} created.")]
    private static partial void LogTeamCreated(ILogger logger, string team);

    [LoggerMessage(EventId = 502, Level = LogLevel.Information, Message = "Permission {Permission} {Change} team {Team}.")]
    private static partial void LogPermissionChanged(ILogger logger, string permission, string change, string team);

    [LoggerMessage(EventId = 503, Level = LogLevel.Information, Message = "API key {PublicId} created for team {Team}.")]
    private static partial void LogKeyCreated(ILogger logger, string publicId, string team);

    [LoggerMessage(EventId = 504, Level = LogLevel.Information, Message = "API key {PublicId} revoked.")]
    private static partial void LogKeyRevoked(ILogger logger, string publicId);
}
