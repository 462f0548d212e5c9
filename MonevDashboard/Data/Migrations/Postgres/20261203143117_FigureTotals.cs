using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MonevDashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FigureTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FigureTotals",
                columns: table => new
                {
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false, collation: "C"),
                    Value = table.Column<double>(type: "double precision", nullable: false),
                    Numerator = table.Column<double>(type: "double precision", nullable: true),
                    Denominator = table.Column<double>(type: "double precision", nullable: true),
                    Cells = table.Column<int>(type: "integer", nullable: false),
                    Drafts = table.Column<int>(type: "integer", nullable: false),
                    Submitted = table.Column<int>(type: "integer", nullable: false),
                    Verified = table.Column<int>(type: "integer", nullable: false),
                    Returned = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureTotals", x => new { x.Level, x.Code, x.Year, x.Quarter, x.IndicatorId });
                });

            migrationBuilder.CreateTable(
                name: "FigureVersions",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureVersions", x => x.Year);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FigureTotal_Indicator",
                table: "FigureTotals",
                columns: new[] { "IndicatorId", "Year", "Quarter", "Level" });

            // A database from before the maintained totals gets them filled from its observations (FigureTotals.RebuildSql
            // as it was when this migration was written: a migration must not change when that code does). A new, empty
            // database gets no rows at all, so copy-db can fill it from another.
            migrationBuilder.Sql("""
                INSERT INTO "FigureTotals" ("Level", "Code", "Year", "Quarter", "IndicatorId", "Value", "Numerator", "Denominator", "Cells", "Drafts", "Submitted", "Verified", "Returned")
                SELECT 0, '', o."Year", o."Quarter", o."IndicatorId", SUM(o."Value"), SUM(o."Numerator"), SUM(o."Denominator"), COUNT(*),
                       SUM(CASE WHEN o."Status" = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 4 THEN 1 ELSE 0 END)
                FROM "Observations" AS o GROUP BY o."Year", o."Quarter", o."IndicatorId"
                UNION ALL
                SELECT 1, o."ProvinceCode", o."Year", o."Quarter", o."IndicatorId", SUM(o."Value"), SUM(o."Numerator"), SUM(o."Denominator"), COUNT(*),
                       SUM(CASE WHEN o."Status" = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 4 THEN 1 ELSE 0 END)
                FROM "Observations" AS o GROUP BY o."ProvinceCode", o."Year", o."Quarter", o."IndicatorId"
                UNION ALL
                SELECT 2, o."CountryCode", o."Year", o."Quarter", o."IndicatorId", SUM(o."Value"), SUM(o."Numerator"), SUM(o."Denominator"), COUNT(*),
                       SUM(CASE WHEN o."Status" = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 4 THEN 1 ELSE 0 END)
                FROM "Observations" AS o GROUP BY o."CountryCode", o."Year", o."Quarter", o."IndicatorId"
                UNION ALL
                SELECT 3, o."Sex", o."Year", o."Quarter", o."IndicatorId", SUM(o."Value"), SUM(o."Numerator"), SUM(o."Denominator"), COUNT(*),
                       SUM(CASE WHEN o."Status" = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 2 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN o."Status" = 4 THEN 1 ELSE 0 END)
                FROM "Observations" AS o GROUP BY o."Sex", o."Year", o."Quarter", o."IndicatorId";
                INSERT INTO "FigureVersions" ("Year", "Version") SELECT DISTINCT "Year", 1 FROM "FigureTotals";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FigureTotals");

            migrationBuilder.DropTable(
                name: "FigureVersions");
        }
    }
}
