using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EtlStudio.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SftpAfterLoad : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AfterLoad",
                table: "Flows",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "Keep");

            migrationBuilder.AddColumn<string>(
                name: "AfterLoadFolder",
                table: "Flows",
                type: "nvarchar(2048)",
                maxLength: 2048,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AfterLoad",
                table: "Flows");

            migrationBuilder.DropColumn(
                name: "AfterLoadFolder",
                table: "Flows");
        }
    }
}
