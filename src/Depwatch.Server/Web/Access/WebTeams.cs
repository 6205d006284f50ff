using Depwatch.Server.Auth;
using Depwatch.Server.Teams;

namespace Depwatch.Server.Web.Access;

/// <summary>The teams screen's changes, made through the store the team API uses.</summary>
internal static class WebTeams
{
    public static string? UnknownPermission(IEnumerable<string> permissions) =>
        permissions.FirstOrDefault(p => !Permissions.IsKnown(p)) is { } unknown ? $"There is no permission {unknown}." : null;

    /// <summary>
    /// Gives the team exactly <paramref name="wanted"/>. Taking ACCESS_MANAGEMENT away is the only change the store may
    /// refuse (it would lock every key out), so it goes first and a refusal leaves the team as it was.
    /// </summary>
    public static async Task<TeamChangeStatus> SetPermissionsAsync(TeamStore store, Team team, IReadOnlyCollection<string> wanted, CancellationToken cancellationToken)
    {
        var held = team.Permissions.Select(p => p.Name).ToHashSet();
        var changes = Permissions.All
            .Where(p => held.Contains(p) != wanted.Contains(p))
            .OrderBy(p => p == Permissions.AccessManagement ? 0 : 1);
        foreach (var permission in changes)
        {
            var change = await store.SetPermissionAsync(team.Uuid, permission, wanted.Contains(permission), cancellationToken);
            if (change.Status is not (TeamChangeStatus.Changed or TeamChangeStatus.Unchanged))
            {
                return change.Status;
            }
        }
        return TeamChangeStatus.Changed;
    }

    public static string Describe(TeamChangeStatus status) => status switch
    {
        TeamChangeStatus.WouldLockOut => TeamChange.WouldLockOutText,
        TeamChangeStatus.NameTaken => TeamChange.NameTakenText,
        TeamChangeStatus.KeyNotFound => TeamChange.KeyNotFoundText,
        TeamChangeStatus.PermissionNotFound => TeamChange.PermissionNotFoundText,
        _ => TeamChange.TeamNotFoundText,
    };
}
