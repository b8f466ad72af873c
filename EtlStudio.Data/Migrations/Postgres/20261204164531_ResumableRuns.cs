using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EtlStudio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ResumableRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Executor",
                table: "Runs",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LoadId",
                table: "Runs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RowsSkipped",
                table: "Runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "AllowEmptyReplace",
                table: "Flows",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Optional",
                table: "ColumnMappings",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Executor",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "LoadId",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RowsSkipped",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "AllowEmptyReplace",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "Optional",
                table: "ColumnMappings");
        }
    }
}
