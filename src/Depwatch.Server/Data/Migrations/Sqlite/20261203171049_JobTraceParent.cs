using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Depwatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JobTraceParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Jobs",
                type: "TEXT",
                maxLength: 55,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "Jobs");
        }
    }
}
