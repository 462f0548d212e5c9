using Microsoft.EntityFrameworkCore;
using MonevDashboard.Cli;
using MonevDashboard.Data;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Cli;

/// <summary>
/// The verbs on a PostgreSQL database chosen by configuration alone (<c>Monev__Database=Postgres</c>,
/// <c>ConnectionStrings__Monev</c>), as an operator runs them: every verb works on either provider, and the two that
/// handle SQLite files (<c>backup</c>, <c>restore</c>) refuse and print the pg_dump / pg_restore commands instead.
/// </summary>
[Collection(CommandLineCollection.Name)]
public sealed class PostgresVerbTests : IDisposable
{
    private const string Password = "Rahasia#2026";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"monev-pgverbs-{Guid.NewGuid():N}");

    public PostgresVerbTests()
    {
        Directory.CreateDirectory(_folder);
        Environment.SetEnvironmentVariable("Monev__Database", "Postgres");
        Environment.SetEnvironmentVariable("Monev__DemoData", "false");
        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", Password);
    }

    public void Dispose()
    {
        foreach (var name in new[] { "Monev__Database", "ConnectionStrings__Monev", "Monev__DemoData", "MONEV_ADMIN_PASSWORD" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>No server needed: the commands are made from the configuration, and nothing is connected to.</summary>
    [Fact]
    public async Task BackupAndRestorePrintThePostgresCommandsWithoutThePassword()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Monev",
            "Host=db.kemendag.go.id;Port=5433;Database=monev_pks;Username=monev_app;Password=JanganDicetak!");

        var (backup, backupOutput, backupError) = await RunAsync("backup", "--out", "/srv/cadangan/monev 1.dump");
        Assert.Equal(ExitCodes.Refused, backup);
        Assert.Equal("", backupOutput);
        Assert.Contains("  pg_dump -Fc -h db.kemendag.go.id -p 5433 -U monev_app -d monev_pks -f '/srv/cadangan/monev 1.dump'\n", backupError, StringComparison.Ordinal);
        Assert.Contains("Tidak ada yang ditulis.", backupError, StringComparison.Ordinal);

        var (restore, _, restoreError) = await RunAsync("restore", "/srv/cadangan/monev.dump");
        Assert.Equal(ExitCodes.Refused, restore);
        Assert.Contains("  pg_restore --clean --if-exists --no-owner --single-transaction -h db.kemendag.go.id -p 5433 -U monev_app -d monev_pks /srv/cadangan/monev.dump\n",
            restoreError, StringComparison.Ordinal);
        Assert.Contains("Tidak ada yang diubah.", restoreError, StringComparison.Ordinal);

        Assert.DoesNotContain("JanganDicetak", backupError + restoreError, StringComparison.Ordinal);
        Assert.Contains("PGPASSWORD", backupError, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    [Trait(TestPostgres.Trait, TestPostgres.PostgresOnly)]
    public async Task EveryVerbRunsOnAPostgresDatabaseChosenByConfiguration()
    {
        var database = await TestPostgres.CreateDatabaseAsync("feat_pg_cli_verbs");
        try
        {
            Environment.SetEnvironmentVariable("ConnectionStrings__Monev", database);

            var (migrated, migrateOutput, _) = await RunAsync("migrate", "--demo");
            Assert.Equal(ExitCodes.Success, migrated);
            Assert.Contains("Basis data siap: PostgreSQL ", migrateOutput, StringComparison.Ordinal);

            var (refused, _, weak) = await RunAsync("create-admin", "--email", DemoAccounts.All[0].Email);
            Assert.Equal(ExitCodes.Refused, refused);
            Assert.NotEqual("", weak);

            var template = Path.Combine(_folder, "templat.xlsx");
            Assert.Equal(ExitCodes.Success, (await RunAsync("template", "--out", template)).Code);
            Assert.True(new FileInfo(template).Length > 0);

            var workbook = Path.Combine(_folder, "data.xlsx");
            await File.WriteAllBytesAsync(workbook, DataWorkbook(
                Row("P4-COORD-MEETINGS", 2026, 3, value: 2), Row("P2-INFO-EVENTS", 2026, 3, "Jawa Timur", value: 5)));
            var dryRun = await RunAsync("import", workbook, "--as", DemoAccounts.All[0].Email, "--reason", "uji", "--dry-run");
            Assert.True(dryRun.Code == ExitCodes.Success, dryRun.Output + dryRun.Error);
            var import = await RunAsync("import", workbook, "--as", DemoAccounts.All[0].Email, "--reason", "uji");
            Assert.True(import.Code == ExitCodes.Success, import.Output + import.Error);
            Assert.Matches(@"inserted=\d+ updated=\d+ unchanged=\d+ rejected=0\s*$", import.Output);

            var report = Path.Combine(_folder, "laporan.xlsx");
            var export = await RunAsync("export", "--year", "2026", "--quarter", "3", "--out", report);
            Assert.True(export.Code == ExitCodes.Success, export.Output + export.Error);
            Assert.True(new FileInfo(report).Length > 0);

            var disable = await RunAsync("disable-demo-accounts");
            Assert.Equal(ExitCodes.Success, disable.Code);
            Assert.Contains("akun demo dinonaktifkan", disable.Output, StringComparison.Ordinal);
            var (created, createdOutput, _) = await RunAsync("create-admin", "--email", "admin@kemendag.go.id");
            Assert.Equal(ExitCodes.Success, created);
            Assert.Contains("admin@kemendag.go.id", createdOutput, StringComparison.Ordinal);

            await using var db = new DatabaseLocation(DatabaseProvider.Postgres, database).CreateContext();
            Assert.Equal(1, await db.ImportBatches.CountAsync());
            Assert.True(await db.Users.AnyAsync(u => u.NormalizedEmail == "ADMIN@KEMENDAG.GO.ID" && !u.IsDisabled));
            Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == "ADMIN@MONEV.GO.ID" && !u.IsDisabled));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CommandLineTests.RunVerbAsync(args);
}
