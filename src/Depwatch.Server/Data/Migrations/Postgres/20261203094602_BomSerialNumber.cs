using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Depwatch.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BomSerialNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastBomSerialNumber",
                table: "Projects",
                type: "character varying(36)",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LastBomVersion",
                table: "Projects",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastBomSerialNumber",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "LastBomVersion",
                table: "Projects");
        }
    }
}
