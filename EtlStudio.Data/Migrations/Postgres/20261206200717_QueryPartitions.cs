using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EtlStudio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueryPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Range",
                table: "RunPartitions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartitionColumn",
                table: "Flows",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PartitionCount",
                table: "Flows",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PartitionLowerBound",
                table: "Flows",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartitionUpperBound",
                table: "Flows",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Range",
                table: "RunPartitions");

            migrationBuilder.DropColumn(
                name: "PartitionColumn",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "PartitionCount",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "PartitionLowerBound",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "PartitionUpperBound",
                table: "Flows");
        }
    }
}
