using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Depwatch.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GrantViewBadges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var grant in PermissionGrants.ToAdministrators("VIEW_BADGES"))
            {
                migrationBuilder.Sql(grant);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
