using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EtlStudio.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RunHeartbeatCancelQueuedKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CancelRequested",
                table: "Runs",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatUtc",
                table: "Runs",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "QueuedFlowId",
                table: "Runs",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runs_QueuedFlowId",
                table: "Runs",
                column: "QueuedFlowId",
                unique: true,
                filter: "[QueuedFlowId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runs_QueuedFlowId",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "CancelRequested",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "HeartbeatUtc",
                table: "Runs");

            migrationBuilder.DropColumn(
                name: "QueuedFlowId",
                table: "Runs");
        }
    }
}
