using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EtlStudio.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KafkaParallelPartitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaxParallelPartitions",
                table: "KafkaTriggers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 4);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MaxParallelPartitions",
                table: "KafkaTriggers");
        }
    }
}
