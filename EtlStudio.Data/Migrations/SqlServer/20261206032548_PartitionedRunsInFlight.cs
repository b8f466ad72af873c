using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EtlStudio.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PartitionedRunsInFlight : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Partitions",
                table: "Runs",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PartitionsInFlight",
                table: "Flows",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "RunPartitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Index = table.Column<int>(type: "int", nullable: false),
                    Files = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FileCount = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Slot = table.Column<int>(type: "int", nullable: true),
                    JobId = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Executor = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    HeartbeatUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RowsRead = table.Column<long>(type: "bigint", nullable: false),
                    RowsWritten = table.Column<long>(type: "bigint", nullable: false),
                    RowsRejected = table.Column<long>(type: "bigint", nullable: false),
                    RowsFiltered = table.Column<long>(type: "bigint", nullable: false),
                    RowsSkipped = table.Column<long>(type: "bigint", nullable: false),
                    RowsInserted = table.Column<long>(type: "bigint", nullable: false),
                    RowsUpdated = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunPartitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunPartitions_Runs_RunId",
                        column: x => x.RunId,
                        principalTable: "Runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RunPartitions_RunId_Index",
                table: "RunPartitions",
                columns: new[] { "RunId", "Index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunPartitions_RunId_Slot",
                table: "RunPartitions",
                columns: new[] { "RunId", "Slot" },
                unique: true,
                filter: "[Slot] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunPartitions");

            migrationBuilder.DropColumn(
                name: "Partitions",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "PartitionsInFlight",
                table: "Flows");
        }
    }
}
