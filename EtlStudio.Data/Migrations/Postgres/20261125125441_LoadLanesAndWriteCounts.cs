using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EtlStudio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LoadLanesAndWriteCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RowsDeleted",
                table: "Runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RowsInserted",
                table: "Runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RowsUpdated",
                table: "Runs",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "LoadParallelism",
                table: "Flows",
                type: "integer",
                nullable: false,
                defaultValue: 2);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RowsDeleted",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RowsInserted",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "RowsUpdated",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "LoadParallelism",
                table: "Flows");
        }
    }
}
