using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MonevDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "ImportBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "NewDenominator",
                table: "ImportBatchChanges",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NewNote",
                table: "ImportBatchChanges",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "NewNumerator",
                table: "ImportBatchChanges",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NewSource",
                table: "ImportBatchChanges",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "NewValue",
                table: "ImportBatchChanges",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Reason",
                table: "ImportBatches");

            migrationBuilder.DropColumn(
                name: "NewDenominator",
                table: "ImportBatchChanges");

            migrationBuilder.DropColumn(
                name: "NewNote",
                table: "ImportBatchChanges");

            migrationBuilder.DropColumn(
                name: "NewNumerator",
                table: "ImportBatchChanges");

            migrationBuilder.DropColumn(
                name: "NewSource",
                table: "ImportBatchChanges");

            migrationBuilder.DropColumn(
                name: "NewValue",
                table: "ImportBatchChanges");
        }
    }
}
