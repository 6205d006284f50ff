using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Depwatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PoliciesAndViolations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsFail",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsInfo",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsLicenseAudited",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsLicenseTotal",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsOperationalAudited",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsOperationalTotal",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsSecurityAudited",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsSecurityTotal",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsWarn",
                table: "ProjectMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsFail",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsInfo",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsLicenseAudited",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsLicenseTotal",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsOperationalAudited",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsOperationalTotal",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsSecurityAudited",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsSecurityTotal",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyViolationsWarn",
                table: "PortfolioMetrics",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HashesJson",
                table: "Components",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LicensesJson",
                table: "Components",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ViolationState = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    IncludeChildren = table.Column<bool>(type: "INTEGER", nullable: false),
                    OnlyLatestProjectVersion = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PolicyConditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyConditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyConditions_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PolicyProjects",
                columns: table => new
                {
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyProjects", x => new { x.PolicyId, x.ProjectId });
                    table.ForeignKey(
                        name: "FK_PolicyProjects_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PolicyProjects_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PolicyTags",
                columns: table => new
                {
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyTags", x => new { x.PolicyId, x.Tag });
                    table.ForeignKey(
                        name: "FK_PolicyTags_Policies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PolicyViolations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentIdentity = table.Column<string>(type: "TEXT", nullable: false),
                    PolicyConditionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedOn = table.Column<long>(type: "INTEGER", nullable: true),
                    AnalysisState = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Suppressed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyViolations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyViolations_PolicyConditions_PolicyConditionId",
                        column: x => x.PolicyConditionId,
                        principalTable: "PolicyConditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PolicyViolations_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ViolationAnalysisComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ViolationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    Commenter = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ViolationAnalysisComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ViolationAnalysisComments_PolicyViolations_ViolationId",
                        column: x => x.ViolationId,
                        principalTable: "PolicyViolations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Policies_Name",
                table: "Policies",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PolicyConditions_PolicyId",
                table: "PolicyConditions",
                column: "PolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyProjects_ProjectId",
                table: "PolicyProjects",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyViolations_ComponentId_ResolvedOn",
                table: "PolicyViolations",
                columns: new[] { "ComponentId", "ResolvedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PolicyViolations_PolicyConditionId",
                table: "PolicyViolations",
                column: "PolicyConditionId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyViolations_ProjectId_ResolvedOn",
                table: "PolicyViolations",
                columns: new[] { "ProjectId", "ResolvedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ViolationAnalysisComments_ViolationId_Timestamp",
                table: "ViolationAnalysisComments",
                columns: new[] { "ViolationId", "Timestamp" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PolicyProjects");

            migrationBuilder.DropTable(
                name: "PolicyTags");

            migrationBuilder.DropTable(
                name: "ViolationAnalysisComments");

            migrationBuilder.DropTable(
                name: "PolicyViolations");

            migrationBuilder.DropTable(
                name: "PolicyConditions");

            migrationBuilder.DropTable(
                name: "Policies");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsFail",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsInfo",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsLicenseAudited",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsLicenseTotal",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsOperationalAudited",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsOperationalTotal",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsSecurityAudited",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsSecurityTotal",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsWarn",
                table: "ProjectMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsFail",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsInfo",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsLicenseAudited",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsLicenseTotal",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsOperationalAudited",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsOperationalTotal",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsSecurityAudited",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsSecurityTotal",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "PolicyViolationsWarn",
                table: "PortfolioMetrics");

            migrationBuilder.DropColumn(
                name: "HashesJson",
                table: "Components");

            migrationBuilder.DropColumn(
                name: "LicensesJson",
                table: "Components");
        }
    }
}
