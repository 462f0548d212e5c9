using MonevDashboard.Domain.Access;
using MonevDashboard.Data.Model;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.Auth;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Indicators;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Features.ExcelImport;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.AuditLog;

/// <summary>
/// One mechanism audits a figure whichever path wrote it — the entry grid (EF save), the import (bulk SQL) or a
/// rollback — and one workflow step is one entry.
/// </summary>
public sealed class OneAuditMechanismTests : IAsyncLifetime
{
    private const string Code = "P3-UMKM-FACILITATED";
    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly UserAccess s_verifier = TestUser.As("ver.kemendag@x", Roles.Verifier, Ministry.Kemendag);
    private ImportHarness _harness = null!;

    public async Task InitializeAsync()
    {
        ImportHarness.UseIndonesian();
        _harness = await ImportHarness.CreateAsync();
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static CellEdit Cell(string province, double value) => new(new CellKey(Code, province, "", ""), value, null, null, null, Overwrite: true);

    private async Task GridAsync(params CellEdit[] edits) => await GridAsync(null, edits);

    private async Task GridAsync(string? reason, params CellEdit[] edits)
    {
        await using var scope = _harness.Database.Scope(ImportHarness.OperatorKemendag);
        Assert.True((await _harness.Database.Get<DataEntryService>(scope).SaveAsync(s_q3, Ministry.Kemendag, edits, reason)).Saved);
    }

    private async Task<long> ImportAsync(double value)
    {
        var (_, result) = await _harness.ImportAsync(DataWorkbook(Row(Code, 2026, 3, "35", null, null, value)), user: ImportHarness.OperatorKemendag);
        return result.BatchId!.Value;
    }

    private async Task<AuditEntry> LastFigureEntryAsync()
    {
        await using var db = _harness.Database.OpenContext();
        return await db.AuditEntries.Where(a => a.EntityType == "Observation").OrderByDescending(a => a.Id).FirstAsync();
    }

    private async Task<AuditRow> RowAsync(long id)
    {
        await using var scope = _harness.Database.Scope(ImportHarness.Admin);
        var page = await _harness.Database.Get<AuditQueryService>(scope).GetPageAsync(AuditFilter.None, AuditSort.NewestFirst, 0, AuditQueryService.MaxPageSize);
        return page.Rows.Single(r => r.Id == id);
    }

    [Fact]
    public async Task TheSameChangeThroughTheGridTheImportAndARollbackIsRecordedAlike()
    {
        await GridAsync(Cell("35", 55));
        await GridAsync(Cell("35", 70));
        var grid = await LastFigureEntryAsync();
        var overwritten = await ImportAsync(55);
        Assert.True((await _harness.RollbackAsync(overwritten)).Done);
        var rollback = await LastFigureEntryAsync();
        await GridAsync(Cell("35", 55));
        await ImportAsync(70);
        var import = await LastFigureEntryAsync();

        var entries = new[] { grid, import, rollback };
        Assert.Equal(3, entries.Select(e => e.Id).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(
            (grid.Action, grid.EntityType, grid.EntityKey, grid.IndicatorId, grid.Year, grid.Quarter),
            (e.Action, e.EntityType, e.EntityKey, e.IndicatorId, e.Year, e.Quarter)));
        Assert.Equal(AuditEntryFormat.Update, grid.Action);
        var rows = new List<AuditRow>();
        foreach (var entry in entries)
        {
            rows.Add(await RowAsync(entry.Id));
        }
        Assert.All(rows, r => Assert.Equal(("Nilai diubah", "Realisasi", "P3-UMKM-FACILITATED · TW III 2026 · Jawa Timur"), (r.ActionLabel, r.EntityLabel, r.KeyText)));
        // The figure moved the same way on every path; the import and its rollback also name the batch that wrote it.
        Assert.All(rows, r => Assert.Contains("Nilai: 55 → 70", r.Changes.Select(c => c.ToString())));
        Assert.Equal(["Nilai: 55 → 70"], rows[0].Changes.Select(c => c.ToString()));
        Assert.Equal(["Batch impor", "Nilai"], rows[1].Changes.Select(c => c.Field).Order());
        Assert.Equal(rows[1].Changes.Select(c => c.Field).Order(), rows[2].Changes.Select(c => c.Field).Order());
    }

    [Fact]
    public async Task AReturnIsOneEntryListingTheFiguresItMovedAndAValueEditIsNotAStatusChange()
    {
        await GridAsync(Cell("35", 120), Cell("33", 80), Cell("32", 10));
        await using (var scope = _harness.Database.Scope(ImportHarness.OperatorKemendag))
        {
            await _harness.Database.Get<DataEntryService>(scope).SubmitAsync(s_q3, Ministry.Kemendag);
        }
        await using (var scope = _harness.Database.Scope(s_verifier))
        {
            await _harness.Database.Get<DataEntryService>(scope).ReturnAsync(s_q3, Ministry.Kemendag, "Cek ulang");
        }

        await using var db = _harness.Database.OpenContext();
        var steps = await db.AuditEntries.Where(a => a.Action != AuditEntryFormat.Create).OrderBy(a => a.Id).ToListAsync();
        var returned = Assert.Single(steps, s => s.UserName == s_verifier.UserName);
        Assert.Equal(("StatusChange", "Submission", "Cek ulang"), (returned.Action, returned.EntityType, returned.Reason));
        Assert.DoesNotContain(steps, s => s.EntityType == "Observation");
        var row = await RowAsync(returned.Id);
        var moved = Assert.Single(row.Changes, c => c.Field == "Realisasi yang ikut berpindah status (3)");
        Assert.Contains("P3-UMKM-FACILITATED · TW III 2026 · Jawa Timur", moved.New, StringComparison.Ordinal);
        Assert.Contains("Status: Disampaikan → Dikembalikan", row.Changes.Select(c => c.ToString()));
        Assert.Equal("Status diubah", row.ActionLabel);

        // The operator corrects a returned figure: a change of the figure (its status goes back to Draft with it).
        await GridAsync("Koreksi", Cell("35", 125));
        var edit = await LastFigureEntryAsync();
        Assert.Equal(AuditEntryFormat.Update, edit.Action);
        var editRow = await RowAsync(edit.Id);
        Assert.Contains("Nilai: 120 → 125", editRow.Changes.Select(c => c.ToString()));
        // A change of the figure's value is labelled as one, even though its status moved back to Draft with it.
        Assert.Equal("Nilai diubah", editRow.ActionLabel);
    }

    /// <summary>Issue #16 item 12: verifying a quarter of many figures is one entry naming the step and listing them all.</summary>
    [Fact]
    public async Task VerifyingAQuarterOfManyFiguresIsExactlyOneEntryListingThemAll()
    {
        List<string> provinces;
        await using (var db = _harness.Database.OpenContext())
        {
            provinces = await db.Provinces.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync();
        }
        Assert.True(provinces.Count >= 30, $"{provinces.Count} provinces");
        await GridAsync([.. provinces.Select((p, i) => Cell(p, i + 1))]);
        await using (var scope = _harness.Database.Scope(ImportHarness.OperatorKemendag))
        {
            await _harness.Database.Get<DataEntryService>(scope).SubmitAsync(s_q3, Ministry.Kemendag);
        }
        long before;
        await using (var db = _harness.Database.OpenContext())
        {
            before = await db.AuditEntries.MaxAsync(a => a.Id);
        }

        await using (var scope = _harness.Database.Scope(s_verifier))
        {
            await _harness.Database.Get<DataEntryService>(scope).VerifyAsync(s_q3, Ministry.Kemendag);
        }

        await using var check = _harness.Database.OpenContext();
        var verified = Assert.Single(await check.AuditEntries.Where(a => a.Id > before).ToListAsync());
        Assert.Equal((AuditEntryFormat.StatusChange, "Submission", s_verifier.UserName), (verified.Action, verified.EntityType, verified.UserName));
        Assert.Equal((2026, 3), (verified.Year, verified.Quarter));
        Assert.Equal(provinces.Count, await check.Observations.CountAsync(o => o.Status == ObservationStatus.Verified));
        var row = await RowAsync(verified.Id);
        Assert.Equal("Status diubah", row.ActionLabel);
        var moved = Assert.Single(row.Changes, c => c.Field == $"Realisasi yang ikut berpindah status ({provinces.Count})");
        Assert.Contains($"dan {provinces.Count - AuditDiffFormatter.MovedNamed}", moved.New, StringComparison.Ordinal);
    }
}
