using System.Diagnostics;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Cli;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Auth;
using MonevDashboard.Tests.Features.ExcelImport;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Cli;

/// <summary>The `import` and `template` verbs run the import pipeline and report like scripts expect.</summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"monev-cli-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        ImportHarness.UseIndonesian();
        Directory.CreateDirectory(_folder);
        _database = await TestDatabase.CreateAsync(configure: services =>
        {
            services.AddScoped<CommandLineUser>();
            services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CommandLineUser>());
        });
        // --as acts with the named account's real roles: these are the accounts the tests act as.
        await using var scope = _database.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateFirstAdminAsync("admin@monev.go.id", "Rahasia#2026");
        await accounts.CreateUserAsync("ani@kp2mi.go.id", "Ani", Roles.OperatorKp2mi, null, "Rahasia#2026", false, default);
        await accounts.CreateUserAsync("ani@kemendag.go.id", "Ani", Roles.OperatorKemendag, null, "Rahasia#2026", false, default);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Save(byte[] bytes, string name = "data.xlsx")
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private async Task<(int Code, string[] Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.InvokeAsync(["import", .. args], _database.Services, output, error);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    private static byte[] Clean => DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2), Row("P2-INFO-EVENTS", 2026, 3, "Jawa Timur", value: 5));

    [Fact]
    public async Task ACleanFileIsImportedAndTheLastLineCountsTheRows()
    {
        var path = Save(Clean);
        var (code, output, _) = await RunAsync(path, "--as", "admin@monev.go.id");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("inserted=2 updated=0 unchanged=0 rejected=0", output[^1]);
        Assert.Contains(output, l => l.StartsWith("Diimpor sebagai impor #", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("P2-INFO-EVENTS TW III 2026 35: – → 5", StringComparison.Ordinal));
        await using var db = _database.OpenContext();
        Assert.Equal(2, await db.Observations.CountAsync());
        Assert.Equal("admin@monev.go.id", (await db.ImportBatches.SingleAsync()).UserName);

        var (again, second, _) = await RunAsync(path, "--as", "admin@monev.go.id");
        Assert.Equal(ExitCodes.Success, again);
        Assert.Equal("inserted=0 updated=0 unchanged=2 rejected=0", second[^1]);
        Assert.Contains(second, l => l.Contains("sudah diimpor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADryRunReportsButWritesNothing()
    {
        var before = await _database.DigestAsync("Observations");

        var (code, output, _) = await RunAsync(Save(Clean), "--dry-run", "--as", "admin@monev.go.id");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("inserted=2 updated=0 unchanged=0 rejected=0", output[^1]);
        Assert.Contains(output, l => l.StartsWith("Uji coba", StringComparison.Ordinal));
        Assert.Equal(before, await _database.DigestAsync("Observations"));
    }

    [Fact]
    public async Task ARejectedFileExitsWithTwoListsItsErrorsAndWritesNothing()
    {
        var before = await _database.DigestAsync("Observations");
        var file = DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2), Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", -4));

        var (code, output, _) = await RunAsync(Save(file), "--as", "ani@kp2mi.go.id");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("Data!G3 Nilai \"-4\" — Nilai tidak boleh negatif (tertulis -4).", output);
        Assert.Equal("inserted=1 updated=0 unchanged=0 rejected=1", output[^1]);
        Assert.Equal(before, await _database.DigestAsync("Observations"));
    }

    [Fact]
    public async Task ANonWorkbookIsRejectedWithTwo()
    {
        var (code, output, _) = await RunAsync(Save(WordDocument, "laporan.xlsx"), "--as", "admin@monev.go.id");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Equal("inserted=0 updated=0 unchanged=0 rejected=0", output[^1]);
        Assert.Contains(output, l => l.Contains("dokumen Word", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AsNamesTheActingUser()
    {
        var (code, _, _) = await RunAsync("--as", "ani@kemendag.go.id", Save(Clean));

        Assert.Equal(ExitCodes.Success, code);
        await using var db = _database.OpenContext();
        Assert.Equal("ani@kemendag.go.id", (await db.ImportBatches.SingleAsync()).UserName);
        Assert.All(await db.Observations.ToListAsync(), o => Assert.Equal("ani@kemendag.go.id", o.CreatedBy));
    }

    [Fact]
    public async Task AFileImportedByNobodyIsRefusedWithTwoAndWritesNothing()
    {
        var before = await _database.DigestAsync("Observations") + await _database.DigestAsync("ImportBatches");

        var (code, output, error) = await RunAsync(Save(Clean));

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Empty(output);
        Assert.Contains("--as", error, StringComparison.Ordinal);
        Assert.Equal(before, await _database.DigestAsync("Observations") + await _database.DigestAsync("ImportBatches"));
    }

    [Fact]
    public async Task AFileChangingVerifiedFiguresWithoutAReasonIsRefusedWithTwoNamingTheRowsAndWritesNothing()
    {
        await SeedVerifiedJointFigureAsync();
        var file = Save(DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2), Row("P2-INFO-EVENTS", 2026, 3, "35", value: 9)));
        var before = await DigestAsync();

        var (code, output, _) = await RunAsync(file, "--as", "admin@monev.go.id");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains(output, l => l.Contains("(baris 3)", StringComparison.Ordinal) && l.Contains("alasan", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("P2-INFO-EVENTS TW III 2026 35: 7 → 9 (Terverifikasi)", StringComparison.Ordinal));
        Assert.Contains(output, l => l.Contains("Kemendag TW III 2026 (Terverifikasi), KP2MI TW III 2026 (Terverifikasi)", StringComparison.Ordinal));
        Assert.Equal("inserted=1 updated=1 unchanged=0 rejected=0", output[^1]);
        Assert.Equal(before, await DigestAsync());

        var (dry, _, _) = await RunAsync(file, "--as", "admin@monev.go.id", "--dry-run");
        Assert.Equal(ExitCodes.Refused, dry);

        var (withReason, done, _) = await RunAsync(file, "--as", "admin@monev.go.id", "--reason", "Koreksi laporan BPS");
        Assert.Equal(ExitCodes.Success, withReason);
        Assert.Equal("inserted=1 updated=1 unchanged=0 rejected=0", done[^1]);
        await using var db = _database.OpenContext();
        Assert.Equal("Koreksi laporan BPS", (await db.ImportBatches.SingleAsync()).Reason);
        Assert.All(await db.Submissions.Where(s => s.Year == 2026 && s.Quarter == 3).ToListAsync(),
            s => Assert.Equal(SubmissionStatus.Draft, s.Status));
    }

    [Fact]
    public async Task AnOperatorsFileChangingAVerifiedFigureIsRefusedWithTwoEvenWithAReason()
    {
        await SeedVerifiedJointFigureAsync();
        var before = await DigestAsync();

        var (code, output, _) = await RunAsync(Save(DataWorkbook(Row("P2-INFO-EVENTS", 2026, 3, "35", value: 9))),
            "--as", "ani@kemendag.go.id", "--reason", "Koreksi");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains(output, l => l.Contains("Baris 2: angka P2-INFO-EVENTS TW III 2026 sudah diverifikasi", StringComparison.Ordinal));
        Assert.Equal(before, await DigestAsync());
    }

    private async Task<string> DigestAsync() =>
        await _database.DigestAsync("Observations") + await _database.DigestAsync("ImportBatches")
        + await _database.DigestAsync("AuditEntries") + await _database.DigestAsync("Submissions");

    /// <summary>P2-INFO-EVENTS (joint) in Jawa Timur, TW III 2026 = 7, verified, in both ministries' verified reports.</summary>
    private async Task SeedVerifiedJointFigureAsync()
    {
        await using var db = _database.OpenContext();
        var id = await db.Indicators.Where(i => i.Code == "P2-INFO-EVENTS").Select(i => i.Id).SingleAsync();
        var at = new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc);
        db.Observations.Add(new Observation
        {
            IndicatorId = id, Year = 2026, Quarter = 3, ProvinceCode = "35", Value = 7, Source = "Laporan awal",
            Status = ObservationStatus.Verified, CreatedBy = "seed", UpdatedBy = "seed", CreatedAt = at, UpdatedAt = at,
        });
        foreach (var ministry in new[] { Ministry.Kemendag, Ministry.Kp2mi })
        {
            db.Submissions.Add(new Submission
            {
                Year = 2026, Quarter = 3, Ministry = ministry, Status = SubmissionStatus.Verified,
                FirstSubmittedAt = at, SubmittedAt = at, SubmittedBy = "op", VerifiedAt = at, VerifiedBy = "ver",
            });
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AMissingFileIsRefusedWithTwo()
    {
        var (code, _, error) = await RunAsync(Path.Combine(_folder, "tidak-ada.xlsx"), "--as", "admin@monev.go.id");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("Berkas tidak ditemukan", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTemplateVerbWritesTheTemplate()
    {
        var path = Path.Combine(_folder, "out", "template.xlsx");
        using var output = new StringWriter();

        var code = await CommandLine.InvokeAsync(["template", "--out", path], _database.Services, output, TextWriter.Null);

        Assert.Equal(0, code);
        using var workbook = new XLWorkbook(path);
        Assert.Equal("Kode Indikator", workbook.Worksheet("Data").Cell("A1").GetString());
    }

    /// <summary>The real executable: verbs wired, acting user, exit codes as a shell sees them.</summary>
    [Fact]
    public async Task TheExecutableImportsAFileAndExitsWithTheDocumentedCodes()
    {
        var database = Path.Combine(_folder, "cli.db");
        async Task<(int, string)> RunProcessAsync(params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MonevDashboard.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            start.ArgumentList.Add($"--ConnectionStrings:Monev=Data Source={database}");
            start.ArgumentList.Add("--Monev:DemoData=false");
            start.Environment["MONEV_ADMIN_PASSWORD"] = "Rahasia#2026";
            using var process = Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, stdout);
        }

        var (created, _) = await RunProcessAsync("create-admin", "--email", "budi@kemendag.go.id");
        Assert.Equal(0, created);
        var (imported, output) = await RunProcessAsync("import", Save(Clean), "--as", "budi@kemendag.go.id");
        var (unknown, _) = await RunProcessAsync("import", Save(Clean), "--as", "tidak.ada@kemendag.go.id");
        Assert.Equal(2, unknown);
        var (rejected, _) = await RunProcessAsync("import", Save(WordDocument, "x.xlsx"), "--as", "budi@kemendag.go.id");
        var (nobody, _) = await RunProcessAsync("import", Save(Clean));
        Assert.Equal(2, nobody);

        Assert.Equal(0, imported);
        Assert.EndsWith("inserted=2 updated=0 unchanged=0 rejected=0", output.Trim(), StringComparison.Ordinal);
        Assert.Contains("Pengguna: budi@kemendag.go.id", output, StringComparison.Ordinal);
        Assert.Equal(2, rejected);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
