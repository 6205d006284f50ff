using Depwatch.Server.Auth;
using Depwatch.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Depwatch.Server.Teams;

/// <summary>Renaming and deleting teams; regenerating and commenting keys.</summary>
internal sealed partial class TeamStore
{
    public async Task<TeamChange> RenameAsync(Guid teamId, string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return new TeamChange(TeamChangeStatus.TeamNotFound);
        }
        if (team.Name == name)
        {
            return new TeamChange(TeamChangeStatus.Changed, await ToApiAsync(db, team, cancellationToken));
        }
        if (await db.Teams.AnyAsync(t => t.Name == name && t.Id != teamId, cancellationToken))
        {
            return new TeamChange(TeamChangeStatus.NameTaken);
        }
        var previous = team.Name;
        team.Name = name;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new TeamChange(TeamChangeStatus.NameTaken);
        }
        LogTeamRenamed(logger, previous, name);
        return new TeamChange(TeamChangeStatus.Changed, await ToApiAsync(db, team, cancellationToken));
    }

    /// <summary>Deletes the team and its keys, unless that would leave no key able to manage teams and keys.</summary>
    public async Task<TeamChangeStatus> DeleteAsync(Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return TeamChangeStatus.TeamNotFound;
        }
        if (!await AccessManagerRemainsAsync(db, teamId, null, cancellationToken))
        {
            return TeamChangeStatus.WouldLockOut;
        }
        db.Teams.Remove(team);
        await db.SaveChangesAsync(cancellationToken);
        LogTeamDeleted(logger, team.Name);
        return TeamChangeStatus.Changed;
    }

    /// <summary>
    /// A new secret for the key, which keeps its public id, team and comment; the old secret stops working at once. A
    /// key an operator chose in another form becomes a generated one. Null when the key does not exist.
    /// </summary>
    public async Task<ApiKey?> RegenerateKeyAsync(string publicIdOrKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await FindKeyAsync(db, publicIdOrKey, cancellationToken);
        if (entity is null)
        {
            return null;
        }
        var previousId = entity.PublicId;
        var (generated, generatedId, secretHash) = ApiKeys.Generate();
        var (key, publicId) = previousId.StartsWith(ApiKeys.OtherFormMarker, StringComparison.Ordinal)
            ? (generated, generatedId)
            : (ApiKeys.Prefix + previousId + generated[(ApiKeys.Prefix.Length + 8)..], previousId);
        entity.PublicId = publicId;
        entity.SecretHash = secretHash;
        await db.SaveChangesAsync(cancellationToken);
        LogKeyRegenerated(logger, previousId, publicId);
        return ToApi(entity) with { Key = key };
    }

    /// <summary>Sets the key's comment (none when blank); null when the key does not exist.</summary>
    public async Task<ApiKey?> CommentKeyAsync(string publicIdOrKey, string? comment, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await FindKeyAsync(db, publicIdOrKey, cancellationToken);
        if (entity is null)
        {
            return null;
        }
        entity.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return ToApi(entity);
    }

    /// <summary>
    /// The teams a caller may see: every team for one holding ACCESS_MANAGEMENT, otherwise its key's own team (a
    /// signed-in user belongs to no team).
    /// </summary>
    public async Task<List<VisibleTeam>> VisibleAsync(bool managesAccess, Guid? ownTeam, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teams = db.Teams.AsNoTracking().Where(t => managesAccess || t.Id == ownTeam);
        return [.. (await teams.Select(t => new VisibleTeam(t.Name, t.Id)).ToListAsync(cancellationToken)).OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    private static async Task<Team> ToApiAsync(DepwatchDbContext db, Data.Entities.TeamEntity team, CancellationToken cancellationToken) =>
        ToApi(team, await db.ApiKeys.AsNoTracking().Where(k => k.TeamId == team.Id).ToListAsync(cancellationToken));

    [LoggerMessage(EventId = 505, Level = LogLevel.Information, Message = "Team {Previous} renamed {Team}.")]
    private static partial void LogTeamRenamed(ILogger logger, string previous, string team);

    [LoggerMessage(EventId = 506, Level = LogLevel.Information, Message = "Team {Team} deleted, with its API keys.")]
    private static partial void LogTeamDeleted(ILogger logger, string team);

    [LoggerMessage(EventId = 507, Level = LogLevel.Information, Message = "API key {PreviousId} regenerated as {PublicId}.")]
    private static partial void LogKeyRegenerated(ILogger logger, string previousId, string publicId);
}
