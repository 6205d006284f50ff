namespace Depwatch.Server.Teams;

public static class TeamExtensions
{
    /// <summary>Team, permission and API key management behind <c>/api/v1/team</c> and <c>/api/v1/permission</c>.</summary>
    public static IServiceCollection AddTeams(this IServiceCollection services) => services.AddSingleton<TeamStore>();
}
