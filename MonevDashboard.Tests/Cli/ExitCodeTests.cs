using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Cli;
using MonevDashboard.Data;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Cli;

/// <summary>
/// Every verb answers with the one table of exit codes (README, "Command line"): 0 success; 2 usage error or refused
/// input, with nothing written; 1 any other failure. The verbs run in-process exactly as the executable runs them.
/// </summary>
// SQLite only: the cases are read on a database file (absent after a usage error, damaged, locked); on PostgreSQL the
// verbs' codes are checked by PostgresVerbTests and CopyDbCommandTests.
[Trait(TestPostgres.Trait, TestPostgres.SqliteOnly)]
[Collection(CommandLineCollection.Name)]
public sealed class ExitCodeTests : IDisposable
{
    private const string Password = "Rahasia#2026";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"monev-exit-{Guid.NewGuid():N}");
    private readonly string _database;

    public ExitCodeTests()
    {
        Directory.CreateDirectory(_folder);
        _database = Path.Combine(_folder, "monev.db");
        Environment.SetEnvironmentVariable("ConnectionStrings__Monev", $"Data Source={_database}");
        Environment.SetEnvironmentVariable("Monev__DemoData", "false");
        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", Password);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Monev", null);
        Environment.SetEnvironmentVariable("Monev__DemoData", null);
        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", null);
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task HelpListsEveryVerbInIndonesianAndRefusesAnUnknownOne()
    {
        var (code, output, _) = await RunAsync("help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Perintah:", output, StringComparison.Ordinal);
        Assert.Contains("Kode keluar: 0 berhasil; 2 salah penggunaan", output, StringComparison.Ordinal);
        foreach (var verb in new[] { "migrate", "create-admin", "export", "template", "import", "backup", "restore", "copy-db", "disable-demo-accounts", "bench" })
        {
            Assert.Contains($"  {verb}", output, StringComparison.Ordinal);
        }

        var (verbHelp, exportHelp, _) = await RunAsync("export", "--help");
        Assert.Equal(ExitCodes.Success, verbHelp);
        Assert.Contains("Penggunaan: export --year TAHUN --quarter TRIWULAN [--out BERKAS.xlsx]", exportHelp, StringComparison.Ordinal);
        Assert.Equal(exportHelp, (await RunAsync("help", "export")).Output);

        var (unknown, _, error) = await RunAsync("help", "ekspor");
        Assert.Equal(ExitCodes.Refused, unknown);
        Assert.Contains("Perintah tidak dikenal: ekspor.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate()
    {
        var (usage, _, error) = await RunAsync("migrate", "--paksa");
        Assert.Equal(ExitCodes.Refused, usage);
        Assert.Contains("Opsi tidak dikenal: --paksa.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_database));

        Assert.Equal(ExitCodes.Success, (await RunAsync("migrate")).Code);
        await using var db = Open();
        Assert.Equal(14, await db.Indicators.CountAsync());
    }

    [Fact]
    public async Task CreateAdmin()
    {
        var (usage, _, error) = await RunAsync("create-admin");
        Assert.Equal(ExitCodes.Refused, usage);
        Assert.Contains("Opsi --email wajib diisi.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_database));

        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", "lemah");
        Assert.Equal(ExitCodes.Refused, (await RunAsync("create-admin", "--email", "admin@kemendag.go.id")).Code);
        Environment.SetEnvironmentVariable("MONEV_ADMIN_PASSWORD", Password);
        Assert.Equal(ExitCodes.Success, (await RunAsync("create-admin", "--email", "admin@kemendag.go.id")).Code);
        // The account exists already: refused, and still one account.
        Assert.Equal(ExitCodes.Refused, (await RunAsync("create-admin", "--email", "admin@kemendag.go.id")).Code);
        await using var db = Open();
        Assert.Equal("admin@kemendag.go.id", (await db.Users.SingleAsync()).Email);
    }

    [Fact]
    public async Task Export()
    {
        var file = Path.Combine(_folder, "laporan.xlsx");
        var (usage, _, error) = await RunAsync("export", "--year", "2026", "--quarter", "5", "--out", file);
        Assert.Equal(ExitCodes.Refused, usage);
        Assert.Contains("Triwulan \"5\" tidak valid", error, StringComparison.Ordinal);

        var (refused, _, outside) = await RunAsync("export", "--year", "2040", "--quarter", "1", "--out", file);
        Assert.Equal(ExitCodes.Refused, refused);
        Assert.Contains("Tahun 2040 tidak termasuk periode pelaporan", outside, StringComparison.Ordinal);
        Assert.False(File.Exists(file));

        // Configuration may follow the verb; the host takes it, the parser leaves it alone.
        var (done, output, _) = await RunAsync("export", "--year", "2026", "--quarter", "III", "--out", file, $"--ConnectionStrings:Monev=Data Source={_database}");
        Assert.Equal(ExitCodes.Success, done);
        Assert.StartsWith("Laporan TW III 2026 ditulis:", output.Trim(), StringComparison.Ordinal);
        using var workbook = new XLWorkbook(file);
        Assert.Equal("Ringkasan", workbook.Worksheets.First().Name);
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task Template()
    {
        var (usage, _, error) = await RunAsync("template");
        Assert.Equal(ExitCodes.Refused, usage);
        Assert.Contains("Opsi --out wajib diisi.", error, StringComparison.Ordinal);

        var file = Path.Combine(_folder, "templat.xlsx");
        Assert.Equal(ExitCodes.Success, (await RunAsync("template", "-o", file)).Code);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task Import()
    {
        var (usage, _, error) = await RunAsync("import", "--as", "admin@monev.go.id");
        Assert.Equal(ExitCodes.Refused, usage);
        Assert.Contains("Argumen BERKAS wajib diisi.", error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, (await RunAsync("create-admin", "--email", "admin@monev.go.id")).Code);
        var file = Path.Combine(_folder, "data.xlsx");
        await File.WriteAllBytesAsync(file, DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2)));
        Assert.Equal(ExitCodes.Refused, (await RunAsync("import", file)).Code);
        Assert.Equal(ExitCodes.Refused, (await RunAsync("import", file, "--as", "tidak.ada@monev.go.id")).Code);

        // A database that refuses the write: the import fails whole, with the other code.
        await ExecuteAsync("CREATE TRIGGER NoObservations BEFORE INSERT ON Observations BEGIN SELECT RAISE(ABORT, 'disk penuh'); END");
        var (failed, output, _) = await RunAsync("import", file, "--as", "admin@monev.go.id");
        Assert.Equal(ExitCodes.Failure, failed);
        Assert.DoesNotContain("inserted=1", output, StringComparison.Ordinal);
        await using (var db = Open())
        {
            Assert.Equal(0, await db.Observations.CountAsync());
        }

        await ExecuteAsync("DROP TRIGGER NoObservations");
        var (done, imported, _) = await RunAsync("import", file, "--as", "admin@monev.go.id");
        Assert.Equal(ExitCodes.Success, done);
        Assert.EndsWith("inserted=1 updated=0 unchanged=0 rejected=0", imported.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup()
    {
        var (nothing, _, missing) = await RunAsync("backup");
        Assert.Equal(ExitCodes.Refused, nothing);
        Assert.Contains("Tidak ada basis data untuk dicadangkan", missing, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Refused, (await RunAsync("backup", "--out")).Code);

        Assert.Equal(ExitCodes.Success, (await RunAsync("migrate")).Code);
        var copy = Path.Combine(_folder, "cadangan.db");
        var (done, output, _) = await RunAsync("backup", "--out", copy);
        Assert.Equal(ExitCodes.Success, done);
        Assert.Contains("integrity_check: ok", output, StringComparison.Ordinal);

        var before = await File.ReadAllBytesAsync(copy);
        var (exists, _, error) = await RunAsync("backup", "--out", copy);
        Assert.Equal(ExitCodes.Refused, exists);
        Assert.Contains("sudah ada", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(copy));
    }

    [Fact]
    public async Task Restore()
    {
        var (usage, _, error) = await RunAsync("restore");
        Assert.Equal(ExitCodes.Refused, usage);
        Assert.Contains("Argumen BERKAS wajib diisi.", error, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, (await RunAsync("migrate")).Code);
        var damaged = Path.Combine(_folder, "rusak.db");
        await File.WriteAllTextAsync(damaged, "bukan basis data");
        Assert.Equal(ExitCodes.Refused, (await RunAsync("restore", damaged)).Code);
        Assert.Empty(Directory.GetFiles(_folder, "monev.db.replaced-*"));

        var copy = Path.Combine(_folder, "cadangan.db");
        Assert.Equal(ExitCodes.Success, (await RunAsync("backup", "--out", copy)).Code);
        Assert.Equal(ExitCodes.Success, (await RunAsync("restore", copy)).Code);
        Assert.Single(Directory.GetFiles(_folder, "monev.db.replaced-*"));
    }

    [Fact]
    public async Task DisableDemoAccounts()
    {
        Assert.Equal(ExitCodes.Refused, (await RunAsync("disable-demo-accounts", "semua")).Code);

        Assert.Equal(ExitCodes.Success, (await RunAsync("migrate", "--demo")).Code);
        var (done, output, _) = await RunAsync("disable-demo-accounts");
        Assert.Equal(ExitCodes.Success, done);
        Assert.Contains("akun demo dinonaktifkan", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchRefusesAJsonFileInAMissingFolderBeforeItGeneratesAnything()
    {
        var (code, output, error) = await RunAsync("bench", "--observations", "1000", "--json", Path.Combine(_folder, "tidak-ada", "bench.json"));

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("Folder tujuan tidak ada", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Benchmark folder", output, StringComparison.Ordinal);
    }

    /// <summary>A file that is not a database: every verb that reads or writes it fails with the other code.</summary>
    [Theory]
    [InlineData("migrate")]
    [InlineData("create-admin", "--email", "admin@kemendag.go.id")]
    [InlineData("export", "--year", "2026", "--quarter", "3", "--out", "{folder}/laporan.xlsx")]
    [InlineData("template", "--out", "{folder}/templat.xlsx")]
    [InlineData("import", "{folder}/data.xlsx", "--as", "admin@kemendag.go.id")]
    [InlineData("backup", "--out", "{folder}/cadangan.db")]
    [InlineData("disable-demo-accounts")]
    public async Task ADamagedDatabaseIsAnOtherFailure(params string[] args)
    {
        await File.WriteAllTextAsync(_database, "bukan basis data, tetapi cukup panjang untuk dibaca sebagai header SQLite yang rusak.");
        await File.WriteAllBytesAsync(Path.Combine(_folder, "data.xlsx"), DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2)));

        var (code, _, error) = await RunAsync([.. args.Select(a => a.Replace("{folder}", _folder, StringComparison.Ordinal))]);

        Assert.True(code == ExitCodes.Failure, error);
        Assert.Equal(["data.xlsx", "monev.db"], Directory.GetFiles(_folder).Select(Path.GetFileName).Where(f => !f!.EndsWith(".lock", StringComparison.Ordinal)).Order());
    }

    private MonevDbContext Open() =>
        new(new DbContextOptionsBuilder<MonevDbContext>().UseSqlite($"Data Source={_database};Pooling=False").Options);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => CommandLineTests.RunVerbAsync(args);
}
