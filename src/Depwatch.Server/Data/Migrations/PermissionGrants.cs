namespace Depwatch.Server.Data.Migrations;

/// <summary>
/// Data steps for migrations that add a permission: administrators (teams and users holding
/// <c>ACCESS_MANAGEMENT</c>, who could grant it to themselves anyway) get it, so an upgrade takes nothing away.
/// Plain SQL that SQLite and PostgreSQL both run.
/// </summary>
internal static class PermissionGrants
{
    public static IEnumerable<string> ToAdministrators(string permission) =>
        new[] { "Teams", "Users" }.Select(table =>
            $"UPDATE \"{table}\" SET \"Permissions\" = \"Permissions\" || ',{permission}' "
            + $"WHERE (',' || \"Permissions\" || ',') LIKE '%,ACCESS_MANAGEMENT,%' AND (',' || \"Permissions\" || ',') NOT LIKE '%,{permission},%'");
}
