using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

/// <summary>
/// The entry grid's side of the one workflow rule (ReportWorkflow): a verified figure changes only for an Admin, with a
/// reason; every report holding a changed figure is reopened (joint: both); a value shown the same is no change.
/// </summary>
public sealed class EntryWorkflowRuleTests : IAsyncLifetime
{
    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly UserAccess s_opKemendag = TestUser.As("op.kemendag@x", Roles.OperatorKemendag);
    private static readonly UserAccess s_admin = TestUser.As("admin@x", Roles.Admin);

    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await SeedAsync("P3-UMKM-FACILITATED", "35", 100);
        await SeedAsync("P2-INFO-EVENTS", "35", 7);
        await using var db = _db.OpenContext();
        var at = new DateTime(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc);
        foreach (var ministry in new[] { Ministry.Kemendag, Ministry.Kp2mi })
        {
            db.Submissions.Add(new Submission
            {
                Year = 2026, Quarter = 3, Ministry = ministry, Status = SubmissionStatus.Verified, FirstSubmittedAt = at,
                SubmittedAt = at, SubmittedBy = "op", VerifiedAt = at, VerifiedBy = "ver",
            });
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task SeedAsync(string code, string province, double value)
    {
        await using var db = _db.OpenContext();
        var id = await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
        var at = new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        db.Observations.Add(new Observation
        {
            IndicatorId = id, Year = 2026, Quarter = 3, ProvinceCode = province, Value = value, Status = ObservationStatus.Verified,
            CreatedBy = "seed", UpdatedBy = "seed", CreatedAt = at, UpdatedAt = at,
        });
        await db.SaveChangesAsync();
    }

    private async Task<SaveResult> SaveAsync(UserAccess user, string code, double value, string? reason)
    {
        await using var scope = _db.Scope(user);
        var service = _db.Get<DataEntryService>(scope);
        var sheet = await service.GetSheetAsync(s_q3, Ministry.Kemendag);
        var key = new CellKey(code, "35", "", "");
        var stored = sheet.Sections.Single(s => s.Code == code).Cells[key];
        return await service.SaveAsync(s_q3, Ministry.Kemendag, [new CellEdit(key, value, null, null, stored.Version)], reason);
    }

    private async Task<string> DigestAsync() =>
        await _db.DigestAsync("Observations") + await _db.DigestAsync("Submissions") + await _db.DigestAsync("AuditEntries");

    private async Task<Dictionary<Ministry, SubmissionStatus>> ReportsAsync()
    {
        await using var db = _db.OpenContext();
        return await db.Submissions.ToDictionaryAsync(s => s.Ministry, s => s.Status);
    }

    [Fact]
    public async Task AnOperatorCannotChangeAVerifiedFigureEvenWithAReasonAndTheMessageNamesTheCell()
    {
        var before = await DigestAsync();

        var refused = await Assert.ThrowsAsync<WorkflowException>(() => SaveAsync(s_opKemendag, "P3-UMKM-FACILITATED", 120, "Koreksi"));

        Assert.Contains("P3-UMKM-FACILITATED · 35", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DigestAsync());
    }

    [Fact]
    public async Task TheSheetMakesVerifiedCellsReadOnlyOnlyForThoseWhoMayNotChangeThem()
    {
        await using var operatorScope = _db.Scope(s_opKemendag);
        await using var adminScope = _db.Scope(s_admin);

        Assert.False((await _db.Get<DataEntryService>(operatorScope).GetSheetAsync(s_q3, Ministry.Kemendag)).CanChangeVerified);
        Assert.True((await _db.Get<DataEntryService>(adminScope).GetSheetAsync(s_q3, Ministry.Kemendag)).CanChangeVerified);
    }

    [Fact]
    public async Task AnAdminChangesAVerifiedFigureOnlyWithAReasonAndItsReportIsReopened()
    {
        var before = await DigestAsync();
        await Assert.ThrowsAsync<WorkflowException>(() => SaveAsync(s_admin, "P3-UMKM-FACILITATED", 120, null));
        Assert.Equal(before, await DigestAsync());

        var saved = await SaveAsync(s_admin, "P3-UMKM-FACILITATED", 120, "Koreksi sesuai data Ditjen PEN");

        Assert.True(saved.Saved);
        Assert.Equal(1, saved.Updated);
        var reports = await ReportsAsync();
        Assert.Equal((SubmissionStatus.Draft, SubmissionStatus.Verified), (reports[Ministry.Kemendag], reports[Ministry.Kp2mi]));
        await using var db = _db.OpenContext();
        var reopened = await db.AuditEntries.SingleAsync(a => a.EntityType == "Submission");
        Assert.Equal("Koreksi sesuai data Ditjen PEN", reopened.Reason);
    }

    [Fact]
    public async Task ChangingAJointFigureReopensBothMinistriesReports()
    {
        var saved = await SaveAsync(s_admin, "P2-INFO-EVENTS", 9, "Koreksi daftar kegiatan");

        Assert.True(saved.Saved);
        var reports = await ReportsAsync();
        Assert.Equal((SubmissionStatus.Draft, SubmissionStatus.Draft), (reports[Ministry.Kemendag], reports[Ministry.Kp2mi]));
    }

    [Fact]
    public async Task AValueShownTheSameIsNoChangeAndReopensNothing()
    {
        var before = await DigestAsync();

        var saved = await SaveAsync(s_admin, "P3-UMKM-FACILITATED", 100.000000001, "Tidak ada");

        Assert.True(saved.Saved);
        Assert.Equal((0, 0, 0), (saved.Inserted, saved.Updated, saved.Removed));
        Assert.Equal(before, await DigestAsync());
    }
}
