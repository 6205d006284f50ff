namespace Depwatch.Server.Data.Migrations;

/// <summary>
/// Data step for the migration that files distribution trackers' advisories under OSV, Dependency-Track's source for
/// them: vulnerabilities stored under the old names are renamed in place, so their findings and the decisions about
/// them stay attached. Where an OSV record of the same identifier exists already, the old one is left for the next
/// analysis to resolve. Plain SQL that SQLite and PostgreSQL both run.
/// </summary>
internal static class SourceRenames
{
    public const string TrackersToOsv =
        "UPDATE \"Vulnerabilities\" SET \"Source\" = 'OSV' "
        + "WHERE \"Source\" IN ('DEBIAN', 'UBUNTU', 'ALPINE', 'REDHAT', 'AMAZON', 'ORACLE', 'SUSE', 'PHOTON', 'ROCKY', 'ALMA', "
        + "'CHAINGUARD', 'GITLAB', 'BITNAMI') "
        + "AND NOT EXISTS (SELECT 1 FROM \"Vulnerabilities\" AS osv WHERE osv.\"Source\" = 'OSV' AND osv.\"VulnId\" = \"Vulnerabilities\".\"VulnId\")";
}
