namespace Depwatch.Server.Teams;

public enum TeamChangeStatus
{
    Changed,
    Unchanged,
    TeamNotFound,
    PermissionNotFound,
    KeyNotFound,
    NameTaken,

    /// <summary>Refused: afterwards no API key could manage teams and keys any more.</summary>
    WouldLockOut,
}

/// <summary>What became of a change to a team or key, with the team as it now reads when it changed.</summary>
public sealed record TeamChange(TeamChangeStatus Status, Team? Team = null)
{
    public const string TeamNotFoundText = "The team could not be found.";
    public const string PermissionNotFoundText = "The permission could not be found.";
    public const string KeyNotFoundText = "The API key could not be found.";
    public const string NotAnApiKeyText = "Invalid API key supplied.";
    public const string NameTakenText = "A team with the specified name already exists.";
    public const string WouldLockOutText =
        "Refused: afterwards no API key would hold ACCESS_MANAGEMENT, so nobody could manage teams and keys any more. "
        + "Create a key for another team holding ACCESS_MANAGEMENT first.";
}
