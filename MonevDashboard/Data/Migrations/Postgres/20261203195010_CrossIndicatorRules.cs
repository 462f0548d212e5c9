using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MonevDashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CrossIndicatorRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IndicatorRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false, collation: "C"),
                    LeftIndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Comparison = table.Column<int>(type: "integer", nullable: false),
                    RightIndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Scope = table.Column<int>(type: "integer", nullable: false),
                    MessageId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    MessageEn = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false, collation: "C"),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IndicatorRules_Indicators_LeftIndicatorId",
                        column: x => x.LeftIndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IndicatorRules_Indicators_RightIndicatorId",
                        column: x => x.RightIndicatorId,
                        principalTable: "Indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RuleExplanations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RuleId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false, collation: "C"),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false, collation: "C"),
                    UpdatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleExplanations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RuleExplanations_IndicatorRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "IndicatorRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorRules_Code",
                table: "IndicatorRules",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorRules_LeftIndicatorId",
                table: "IndicatorRules",
                column: "LeftIndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorRules_RightIndicatorId",
                table: "IndicatorRules",
                column: "RightIndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleExplanations_RuleId",
                table: "RuleExplanations",
                column: "RuleId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleExplanations_Year_Quarter_RuleId_Level_Code",
                table: "RuleExplanations",
                columns: new[] { "Year", "Quarter", "RuleId", "Level", "Code" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RuleExplanations");

            migrationBuilder.DropTable(
                name: "IndicatorRules");
        }
    }
}
