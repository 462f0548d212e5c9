using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Support;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// The import and the rollback obey the entry grid's workflow: a verified figure changes only for those who may
/// change verified figures, a change to a submitted or verified figure needs a reason and reopens every report
/// holding it (joint: both ministries'), and a row that changes nothing is no change at all.
/// </summary>
public sealed class ImportWorkflowTests : IAsyncLifetime
{
    private const string Reason = "Koreksi angka sesuai laporan BPS";
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    /// <summary>A joint figure (P2-INFO-EVENTS, Jawa Timur, TW III 2026 = 7), verified in both ministries' verified reports.</summary>
    private async Task VerifiedJointFigureAsync()
    {
        await _harness.SeedAsync("P2-INFO-EVENTS", 2026, 3, 7, province: "35", status: ObservationStatus.Verified);
        await _harness.ReportAsync(Ministry.Kemendag, 2026, 3, SubmissionStatus.Verified);
        await _harness.ReportAsync(Ministry.Kp2mi, 2026, 3, SubmissionStatus.Verified);
    }

    private static byte[] ChangesTheJointFigure => DataWorkbook(
        Row("P4-COORD-MEETINGS", 2026, 3, value: 2),
        Row("P2-INFO-EVENTS", 2026, 3, "35", value: 9));

    [Fact]
    public async Task AFileChangingAVerifiedFigureIsRefusedAsAWholeForAnOperatorNamingTheRowAndNothingIsWritten()
    {
        await VerifiedJointFigureAsync();
        var before = await _harness.DigestAsync();

        var preview = await _harness.PreviewAsync(ChangesTheJointFigure, user: ImportHarness.OperatorKemendag);

        Assert.True(preview.HasErrors);
        var refused = Assert.Single(preview.Errors);
        Assert.Equal(("Import.VerifiedNotAllowed", 3), (refused.Rule, refused.Row));
        Assert.StartsWith("Baris 3: angka P2-INFO-EVENTS TW III 2026 sudah diverifikasi", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ImportRefusedException>(() => _harness.CommitAsync(preview, ImportHarness.OperatorKemendag, reason: Reason));
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task ThePreviewCountsPerMinistryTheVerifiedFiguresItChangesAndTheReportsItReopens()
    {
        await VerifiedJointFigureAsync();

        var preview = await _harness.PreviewAsync(ChangesTheJointFigure);

        Assert.False(preview.HasErrors);
        Assert.True(preview.Workflow.ReasonRequired);
        Assert.Equal([new MinistryImpact(Ministry.Kemendag, 0, 1), new MinistryImpact(Ministry.Kp2mi, 0, 1)], preview.Workflow.Ministries);
        Assert.Equal([Ministry.Kemendag, Ministry.Kp2mi], preview.Workflow.Reopens.Select(r => r.Ministry));
        var change = Assert.Single(preview.SubmittedChanges);
        Assert.Equal(("P2-INFO-EVENTS", 2026, 3, "35", (double?)7, 9.0, (ObservationStatus?)ObservationStatus.Verified),
            (change.IndicatorCode, change.Year, change.Quarter, change.Province, change.OldValue, change.NewValue, change.OldStatus));
    }

    [Fact]
    public async Task WithoutAReasonAnAdminsImportOverAVerifiedFigureIsRefusedNamingTheRowAndNothingIsWritten()
    {
        await VerifiedJointFigureAsync();
        var preview = await _harness.PreviewAsync(ChangesTheJointFigure);
        var before = await _harness.DigestAsync();

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => _harness.CommitAsync(preview, reason: "  "));

        Assert.Contains("(baris 3)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task WithAReasonTheFigureChangesBothJointReportsReopenAndEveryAuditEntryCarriesTheReasonAndTheBatch()
    {
        await VerifiedJointFigureAsync();
        var preview = await _harness.PreviewAsync(ChangesTheJointFigure);

        var result = await _harness.CommitAsync(preview, reason: Reason);

        var figure = await _harness.ObservationAsync("P2-INFO-EVENTS", 2026, 3, "35");
        Assert.Equal((9.0, ObservationStatus.Draft, result.BatchId), (figure!.Value, figure.Status, figure.ImportBatchId));
        Assert.Equal(SubmissionStatus.Draft, (await _harness.ReportsAsync(2026, 3))[Ministry.Kemendag]);
        Assert.Equal(SubmissionStatus.Draft, (await _harness.ReportsAsync(2026, 3))[Ministry.Kp2mi]);
        await using var db = _harness.Database.OpenContext();
        Assert.Equal(Reason, (await db.ImportBatches.SingleAsync()).Reason);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType != "User" && a.EntityType != "UserRole").ToListAsync();
        Assert.All(audit, a => Assert.Equal(result.BatchId, a.ImportBatchId));
        Assert.All(audit, a => Assert.Contains(Reason, a.Reason, StringComparison.Ordinal));
        Assert.Equal(["ImportBatch", "Observation", "Observation", "Submission", "Submission"], audit.Select(a => a.EntityType).Order());
        Assert.Equal(2, audit.Count(a => a.EntityType == "Submission" && a.Action == "StatusChange"));
    }

    [Fact]
    public async Task ReimportingAnIdenticalFileChangesNoFigureNoStateNoVersionAndWritesNoAuditEntry()
    {
        // A ratio stored as the demo data stores it (n ÷ d × 100) differs in its last bits from the import's n × 100 ÷ d.
        var (n, d) = Enumerable.Range(1, 400).SelectMany(den => Enumerable.Range(1, den), (den, num) => ((double)num, (double)den))
            .First(p => !(p.Item1 / p.Item2 * 100).Equals(p.Item1 * 100 / p.Item2));
        var file = DataWorkbook(
            Row("P1-PMI-TRAINED", 2026, 3, "35", null, "P", 55),
            Row("P1-SKILLED-SHARE", 2026, 3, null, "MY", null, null, n, d));
        await _harness.ImportAsync(file);
        await using (var db = _harness.Database.OpenContext())
        {
            var share = await db.Observations.SingleAsync(o => o.CountryCode == "MY");
            share.Value = n / d * 100;
            await db.Observations.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, ObservationStatus.Verified));
            await db.SaveChangesAsync();
        }
        await _harness.ReportAsync(Ministry.Kp2mi, 2026, 3, SubmissionStatus.Verified);
        var before = await _harness.DigestAsync();

        var again = await _harness.PreviewAsync(file);
        var result = await _harness.CommitAsync(again);

        Assert.Equal((0, 0, 2), (again.Observations.New, again.Observations.Changed, again.Observations.Unchanged));
        Assert.Empty(again.Changes);
        Assert.False(again.Workflow.ReasonRequired);
        Assert.True(result.NothingChanged);
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task AnUnchangedRowOfALockedQuarterIsNoChangeAndNotRefusedButAChangedOneIs()
    {
        await _harness.SeedAsync("P4-COORD-MEETINGS", 2026, 1, 3, status: ObservationStatus.Verified);
        await _harness.LockAsync(2026, 1);

        var unchanged = await _harness.PreviewAsync(DataWorkbook(
            Row("P4-COORD-MEETINGS", 2026, 1, value: 3, source: "Laporan awal"), Row("P4-COORD-MEETINGS", 2026, 3, value: 2)));
        var changed = await _harness.PreviewAsync(DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 1, value: 4, source: "Laporan awal")));

        Assert.False(unchanged.HasErrors, string.Join("; ", unchanged.Errors.Select(e => e.Message)));
        Assert.Equal((1, 1, 0), (unchanged.Observations.New, unchanged.Observations.Unchanged, unchanged.Observations.Rejected));
        var locked = Assert.Single(changed.Errors);
        Assert.Equal(("Lock.Locked", 2), (locked.Rule, locked.Row));
        Assert.Equal(1, changed.Observations.Rejected);
    }

    [Fact]
    public async Task RollingBackABatchWhoseFiguresWereVerifiedSinceNeedsAReasonAndReopensTheReports()
    {
        var (_, imported) = await _harness.ImportAsync(DataWorkbook(Row("P2-INFO-EVENTS", 2026, 3, "35", value: 7)));
        await AsAsync(TestUser.As("op@kemendag.go.id", Roles.OperatorKemendag), s => s.SubmitAsync(new YearQuarter(2026, 3), Ministry.Kemendag));
        await AsAsync(TestUser.As("ver@kemendag.go.id", Roles.Verifier, Ministry.Kemendag), s => s.VerifyAsync(new YearQuarter(2026, 3), Ministry.Kemendag));
        Assert.Equal(ObservationStatus.Verified, (await _harness.ObservationAsync("P2-INFO-EVENTS", 2026, 3, "35"))!.Status);
        var before = await _harness.DigestAsync();

        var byOperator = await _harness.RollbackAsync(imported.BatchId!.Value, ImportHarness.OperatorKemendag, Reason);
        var withoutReason = await _harness.RollbackAsync(imported.BatchId!.Value);

        Assert.False(byOperator.Done);
        Assert.Contains(byOperator.Reasons, r => r.StartsWith("Data P2-INFO-EVENTS · TW III 2026 · 35 sudah diverifikasi", StringComparison.Ordinal));
        Assert.False(withoutReason.Done);
        Assert.True(withoutReason.ReasonRequired);
        Assert.Contains("P2-INFO-EVENTS · TW III 2026 · 35", Assert.Single(withoutReason.Reasons), StringComparison.Ordinal);
        Assert.Equal(before, await _harness.DigestAsync());

        var done = await _harness.RollbackAsync(imported.BatchId!.Value, reason: Reason);

        Assert.True(done.Done, string.Join("; ", done.Reasons));
        Assert.Null(await _harness.ObservationAsync("P2-INFO-EVENTS", 2026, 3, "35"));
        Assert.Equal(SubmissionStatus.Draft, (await _harness.ReportsAsync(2026, 3))[Ministry.Kemendag]);
        await using var db = _harness.Database.OpenContext();
        var reopened = await db.AuditEntries.SingleAsync(a => a.EntityType == "Submission" && a.Action == "StatusChange" && a.ImportBatchId == imported.BatchId);
        Assert.Contains(Reason, reopened.Reason, StringComparison.Ordinal);
    }

    private async Task AsAsync(UserAccess user, Func<DataEntryService, Task> action)
    {
        await using var scope = _harness.Database.Scope(user);
        await action(_harness.Database.Get<DataEntryService>(scope));
    }
}
