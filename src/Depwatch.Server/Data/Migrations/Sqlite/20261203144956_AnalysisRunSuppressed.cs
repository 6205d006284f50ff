using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Depwatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnalysisRunSuppressed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Suppressed",
                table: "AnalysisRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Suppressed",
                table: "AnalysisRuns");
        }
    }
}
