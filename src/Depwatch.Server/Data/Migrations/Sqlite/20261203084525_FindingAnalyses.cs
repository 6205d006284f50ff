using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Depwatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FindingAnalyses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FindingAnalyses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentIdentity = table.Column<string>(type: "TEXT", nullable: false),
                    VulnerabilityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Justification = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: true),
                    Suppressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Updated = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FindingAnalyses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FindingAnalyses_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FindingAnalyses_Vulnerabilities_VulnerabilityId",
                        column: x => x.VulnerabilityId,
                        principalTable: "Vulnerabilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AnalysisComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AnalysisId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Commenter = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnalysisComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnalysisComments_FindingAnalyses_AnalysisId",
                        column: x => x.AnalysisId,
                        principalTable: "FindingAnalyses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnalysisComments_AnalysisId_Timestamp",
                table: "AnalysisComments",
                columns: new[] { "AnalysisId", "Timestamp" });

            migrationBuilder.CreateIndex(
                name: "IX_FindingAnalyses_ProjectId_ComponentIdentity_VulnerabilityId",
                table: "FindingAnalyses",
                columns: new[] { "ProjectId", "ComponentIdentity", "VulnerabilityId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FindingAnalyses_VulnerabilityId",
                table: "FindingAnalyses",
                column: "VulnerabilityId");

            foreach (var grant in PermissionGrants.ToAdministrators("VULNERABILITY_ANALYSIS"))
            {
                migrationBuilder.Sql(grant);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnalysisComments");

            migrationBuilder.DropTable(
                name: "FindingAnalyses");
        }
    }
}
