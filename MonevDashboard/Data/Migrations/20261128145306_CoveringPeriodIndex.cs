using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MonevDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoveringPeriodIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Observation_Period",
                table: "Observations");

            migrationBuilder.CreateIndex(
                name: "IX_Observation_PeriodFigures",
                table: "Observations",
                columns: new[] { "Year", "Quarter", "IndicatorId", "CountryCode", "ProvinceCode", "Sex", "Value", "Numerator", "Denominator" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Observation_PeriodFigures",
                table: "Observations");

            migrationBuilder.CreateIndex(
                name: "IX_Observation_Period",
                table: "Observations",
                columns: new[] { "Year", "Quarter", "IndicatorId" });
        }
    }
}
