using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Depwatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProjectFieldsAndProperties : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Authors",
                table: "Projects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cpe",
                table: "Projects",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DirectDependencies",
                table: "Projects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalReferences",
                table: "Projects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Group",
                table: "Projects",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Manufacturer",
                table: "Projects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Metadata",
                table: "Projects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Publisher",
                table: "Projects",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Supplier",
                table: "Projects",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SwidTagId",
                table: "Projects",
                type: "TEXT",
                maxLength: 255,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ProjectProperties",
                columns: table => new
                {
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GroupName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PropertyName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    PropertyValue = table.Column<string>(type: "TEXT", nullable: true),
                    PropertyType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectProperties", x => new { x.ProjectId, x.GroupName, x.PropertyName });
                    table.ForeignKey(
                        name: "FK_ProjectProperties_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProjectProperties");

            migrationBuilder.DropColumn(
                name: "Authors",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Cpe",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "DirectDependencies",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "ExternalReferences",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Group",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Manufacturer",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Metadata",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Publisher",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Supplier",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "SwidTagId",
                table: "Projects");
        }
    }
}
