using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EtlStudio.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ComputedColumnsFiltersLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RowsFiltered",
                table: "Runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "CreateIfMissing",
                table: "Flows",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Filter",
                table: "Flows",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Lookups",
                table: "Flows",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnmappedFields",
                table: "Flows",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Ignore");

            migrationBuilder.AddColumn<string>(
                name: "Expression",
                table: "ColumnMappings",
                type: "nvarchar(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Length",
                table: "ColumnMappings",
                type: "int",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RowsFiltered",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "CreateIfMissing",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "Filter",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "Lookups",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "UnmappedFields",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "Expression",
                table: "ColumnMappings");

            migrationBuilder.DropColumn(
                name: "Length",
                table: "ColumnMappings");
        }
    }
}
