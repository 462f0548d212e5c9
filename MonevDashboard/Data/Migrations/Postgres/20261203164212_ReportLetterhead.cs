using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MonevDashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportLetterhead : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "BinaryContent",
                table: "Settings",
                type: "bytea",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BinaryContent",
                table: "Settings");
        }
    }
}
