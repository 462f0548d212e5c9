using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>A migrated and seeded test database (no demo data) with helpers to import into it and look at it.</summary>
internal sealed class ImportHarness : IAsyncDisposable
{
    private ImportHarness(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public static async Task<ImportHarness> CreateAsync(Action<IServiceCollection>? configure = null)
    {
        UseIndonesian();
        return new ImportHarness(await TestDatabase.CreateAsync(configure: configure));
    }

    /// <summary>The app's default UI language, so messages are the Indonesian ones officials read.</summary>
    public static void UseIndonesian() => CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");

    public static UserAccess Admin { get; } = TestUser.As("tester@monev.go.id", Roles.Admin);

    public static UserAccess OperatorKemendag { get; } = TestUser.As("op@kemendag.go.id", Roles.OperatorKemendag);

    public static UserAccess OperatorKp2mi { get; } = TestUser.As("op@kp2mi.go.id", Roles.OperatorKp2mi);

    public async Task<ImportPreview> PreviewAsync(byte[] file, string name = "data.xlsx", UserAccess? user = null)
    {
        await using var scope = Database.Scope(user ?? Admin);
        return await Database.Get<ImportService>(scope).PreviewAsync(new MemoryStream(file), name, file.Length);
    }

    public async Task<ImportResult> CommitAsync(ImportPreview preview, UserAccess? user = null, IProgress<ImportProgress>? progress = null, string? reason = null)
    {
        await using var scope = Database.Scope(user ?? Admin);
        return await Database.Get<ImportService>(scope).CommitAsync(preview, progress, reason);
    }

    /// <summary>Preview and commit, asserting the preview was clean.</summary>
    public async Task<(ImportPreview Preview, ImportResult Result)> ImportAsync(byte[] file, string name = "data.xlsx", UserAccess? user = null, string? reason = null)
    {
        var preview = await PreviewAsync(file, name, user);
        Assert.False(preview.HasErrors, string.Join("\n", preview.Errors.Select(e => $"{e.Sheet}!{e.CellAddress} {e.Rule} {e.Message}")));
        return (preview, await CommitAsync(preview, user, reason: reason));
    }

    public async Task<RollbackResult> RollbackAsync(long batchId, UserAccess? user = null, string? reason = null)
    {
        await using var scope = Database.Scope(user ?? Admin);
        return await Database.Get<ImportHistoryService>(scope).RollbackAsync(batchId, reason);
    }

    public async Task<int> IndicatorIdAsync(string code)
    {
        await using var db = Database.OpenContext();
        return await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
    }

    public async Task<List<Observation>> ObservationsAsync()
    {
        await using var db = Database.OpenContext();
        return await db.Observations.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
    }

    public async Task<Observation?> ObservationAsync(string code, int year, int quarter, string province = "", string country = "", string sex = "")
    {
        var id = await IndicatorIdAsync(code);
        await using var db = Database.OpenContext();
        return await db.Observations.AsNoTracking().SingleOrDefaultAsync(o => o.IndicatorId == id && o.Year == year && o.Quarter == quarter
            && o.ProvinceCode == province && o.CountryCode == country && o.Sex == sex);
    }

    /// <summary>Stores a figure directly (as if entered earlier), without an audit trail.</summary>
    public async Task<Observation> SeedAsync(string code, int year, int quarter, double value, string province = "", string country = "", string sex = "",
        double? numerator = null, double? denominator = null, ObservationStatus status = ObservationStatus.Verified)
    {
        var observation = new Observation
        {
            IndicatorId = await IndicatorIdAsync(code), Year = year, Quarter = quarter, ProvinceCode = province, CountryCode = country, Sex = sex,
            Value = value, Numerator = numerator, Denominator = denominator, Source = "Laporan awal", Status = status,
            CreatedBy = "seed", UpdatedBy = "seed", CreatedAt = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        await using var db = Database.OpenContext();
        db.Observations.Add(observation);
        await db.SaveChangesAsync();
        return observation;
    }

    /// <summary>Stores a ministry's quarterly report in a state, as if it went through the workflow earlier.</summary>
    public async Task ReportAsync(Ministry ministry, int year, int quarter, SubmissionStatus status)
    {
        var at = new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc);
        await using var db = Database.OpenContext();
        db.Submissions.Add(new Submission
        {
            Year = year, Quarter = quarter, Ministry = ministry, Status = status, FirstSubmittedAt = at, SubmittedAt = at, SubmittedBy = "op",
            VerifiedAt = status == SubmissionStatus.Verified ? at : null, VerifiedBy = status == SubmissionStatus.Verified ? "ver" : null,
        });
        await db.SaveChangesAsync();
    }

    public async Task<Dictionary<Ministry, SubmissionStatus>> ReportsAsync(int year, int quarter)
    {
        await using var db = Database.OpenContext();
        return await db.Submissions.AsNoTracking().Where(s => s.Year == year && s.Quarter == quarter).ToDictionaryAsync(s => s.Ministry, s => s.Status);
    }

    public async Task LockAsync(int year, int quarter)
    {
        await using var db = Database.OpenContext();
        await db.Periods.Where(p => p.Year == year && p.Quarter == quarter)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PeriodState.Locked));
    }

    /// <summary>Digests of every table an import or rollback may write.</summary>
    public async Task<string> DigestAsync()
    {
        var parts = new List<string>();
        foreach (var table in new[] { "Observations", "Targets", "AuditEntries", "ImportBatches", "ImportBatchChanges", "Submissions" })
        {
            parts.Add(await Database.DigestAsync(table));
        }
        return string.Join("|", parts);
    }

    public async ValueTask DisposeAsync() => await Database.DisposeAsync();
}
