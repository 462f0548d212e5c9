using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MonevDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConcurrencyTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing rows start at version 1, as new ones do (the audit interceptor): version 0 means "there was no
            // record when the form was loaded", so a record someone else created is never mistaken for the absent one.
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Targets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "ReviewMeetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Indicators",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            // Narratives already had a version, but created ones stayed at 0: lift them to the same rule.
            migrationBuilder.Sql("UPDATE \"Narratives\" SET \"Version\" = \"Version\" + 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Targets");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ReviewMeetings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Indicators");
        }
    }
}
