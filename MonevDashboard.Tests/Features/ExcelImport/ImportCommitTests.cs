using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.AuditLog;
using MonevDashboard.Features.ExcelImport;

using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>Committing: one transaction, upsert by the natural key, audited with the batch id, all or nothing.</summary>
public sealed class ImportCommitTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ImportUpdatesExistingFiguresByTheNaturalKeyAndRecordsWhatItReplaced()
    {
        var existing = await _harness.SeedAsync("P1-PMI-TRAINED", 2026, 3, 40, province: "35", sex: "P");
        var file = DataWorkbook(
            Row("P1-PMI-TRAINED", 2026, 3, "35", null, "P", 55, source: "BP3MI"),
            Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", 30, source: "BP3MI"));

        // The seeded figure is verified: changing it needs a reason (ImportWorkflowTests covers the rule).
        var (preview, result) = await _harness.ImportAsync(file, reason: "Koreksi BP3MI");

        Assert.Equal(new ImportCounts(2, 1, 1, 0, 0), preview.Observations);
        var changed = Assert.Single(preview.Changes, c => c.Outcome == RowOutcome.Changed);
        Assert.Equal((40.0, 55.0), (changed.OldValue, changed.NewValue));
        var stored = await _harness.ObservationAsync("P1-PMI-TRAINED", 2026, 3, "35", sex: "P");
        Assert.Equal((existing.Id, 55.0, 1, ObservationStatus.Draft, "BP3MI"), (stored!.Id, stored.Value, stored.Version, stored.Status, stored.Source));
        Assert.Equal(2, (await _harness.ObservationsAsync()).Count);

        await using var db = _harness.Database.OpenContext();
        var batch = await db.ImportBatches.Include(b => b.Changes).SingleAsync();
        Assert.Equal((result.BatchId, "data.xlsx", "tester@monev.go.id", 2, 1, 1, 0, ImportBatchStatus.Committed),
            (batch.Id, batch.FileName, batch.UserName, batch.RowsRead, batch.Inserted, batch.Updated, batch.Unchanged, batch.Status));
        Assert.Equal(64, batch.Sha256.Length);
        var replaced = Assert.Single(batch.Changes, c => !c.WasInserted);
        Assert.Equal((existing.Id, 40.0, "Laporan awal", (int)ObservationStatus.Verified, 1),
            (replaced.ObservationId, replaced.OldValue, replaced.OldSource, replaced.OldStatus, replaced.VersionAfter));

        var audits = await db.AuditEntries.Where(a => a.ImportBatchId == batch.Id).OrderBy(a => a.Id).ToListAsync();
        // A changed figure is a value change, even though its status went back to Draft with it.
        Assert.Equal(["Create", "Import", "Update"], audits.Select(a => a.Action).Order());
        var update = audits.Single(a => a.Action == "Update");
        Assert.Equal(ObservationAudit.Key(stored), update.EntityKey);
        Assert.Equal("""{"ImportBatchId":null,"Source":"Laporan awal","Status":3,"Value":40}""", update.OldValues);
        Assert.Equal($$"""{"ImportBatchId":{{batch.Id}},"Source":"BP3MI","Status":1,"Value":55}""", update.NewValues);
        Assert.All(audits, a => Assert.Equal(("tester@monev.go.id", "Impor Excel data.xlsx: Koreksi BP3MI"), (a.UserName, a.Reason)));
    }

    [Fact]
    public async Task ImportAuditEntriesHaveExactlyTheShapeOfAnAuditedEfSave()
    {
        var (_, result) = await _harness.ImportAsync(DataWorkbook(Row("P1-SKILLED-SHARE", 2026, 3, null, "JP", null, null, 30, 40, "SISKOP2MI", "catatan")));
        // The same figure for another country, saved through EF and the audit interceptor as data entry does.
        await using (var scope = _harness.Database.Scope())
        {
            await using var db = await _harness.Database.Get<IDbContextFactory<MonevDbContext>>(scope).CreateDbContextAsync();
            db.Observations.Add(new Observation
            {
                IndicatorId = await _harness.IndicatorIdAsync("P1-SKILLED-SHARE"), Year = 2026, Quarter = 3, CountryCode = "KR",
                Value = 75, Numerator = 30, Denominator = 40, Source = "SISKOP2MI", Note = "catatan", Status = ObservationStatus.Draft,
                ImportBatchId = result.BatchId,
            });
            await db.SaveChangesAsync();
        }

        await using var check = _harness.Database.OpenContext();
        var entries = await check.AuditEntries.Where(a => a.EntityType == "Observation").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        var (imported, saved) = (entries[0], entries[1]);
        Assert.Equal(saved.NewValues!.Replace("\"KR\"", "\"JP\"", StringComparison.Ordinal), imported.NewValues);
        Assert.Equal(saved.EntityKey.Replace("country=KR", "country=JP", StringComparison.Ordinal), imported.EntityKey);
        Assert.Equal((saved.Action, saved.IndicatorId, saved.Year, saved.Quarter, saved.OldValues), (imported.Action, imported.IndicatorId, imported.Year, imported.Quarter, imported.OldValues));
        Assert.Equal(saved.At, imported.At);
        var importedRow = await _harness.ObservationAsync("P1-SKILLED-SHARE", 2026, 3, country: "JP");
        var savedRow = await _harness.ObservationAsync("P1-SKILLED-SHARE", 2026, 3, country: "KR");
        Assert.Equal((savedRow!.CreatedAt, savedRow.UpdatedAt, savedRow.CreatedBy, savedRow.Version), (importedRow!.CreatedAt, importedRow.UpdatedAt, importedRow.CreatedBy, importedRow.Version));
    }

    [Fact]
    public async Task ReimportingTheSameFileChangesNothingAndSaysSo()
    {
        var file = DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2), Row("P2-INFO-EVENTS", 2026, 3, "35", value: 7, source: "Kemendag"));
        var (_, first) = await _harness.ImportAsync(file, "rapat.xlsx");
        var before = await _harness.DigestAsync();

        var again = await _harness.PreviewAsync(file, "rapat-salinan.xlsx");
        var result = await _harness.CommitAsync(again);

        Assert.Equal(new ImportCounts(2, 0, 0, 2, 0), again.Observations);
        Assert.False(again.HasChanges);
        Assert.Equal(first.BatchId, again.AlreadyImported!.BatchId);
        var notice = Assert.Single(again.Warnings);
        Assert.Equal("Import.AlreadyImported", notice.Rule);
        Assert.Contains($"(impor #{first.BatchId})", notice.Message, StringComparison.Ordinal);
        Assert.True(result.NothingChanged);
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task AFailureHalfwayThroughTheCommitLeavesNothing()
    {
        await _harness.SeedAsync("P4-COORD-MEETINGS", 2026, 2, 3);
        var rows = new List<object?[]>();
        foreach (var code in new[] { "P1-PMI-TRAINED", "P2-INFO-REACH" })
        {
            foreach (var quarter in new[] { 1, 2, 3, 4 })
            {
                foreach (var province in MonevDashboard.Data.Reference.ProvinceList.All)
                {
                    rows.Add(Row(code, 2027, quarter, province.Code, null, "L", 10 + quarter));
                    rows.Add(Row(code, 2027, quarter, province.Code, null, "P", 20 + quarter));
                }
            }
        }
        var preview = await _harness.PreviewAsync(DataWorkbook([.. rows]));
        Assert.True(preview.CanCommit);
        var before = await _harness.DigestAsync();
        var observationsBefore = await _harness.Database.DigestAsync("Observations");

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => _harness.CommitAsync(preview, progress: new FailHalfway()));

        // The user reads that nothing was written, with the log's reference — never the system's own text.
        Assert.Matches("tidak ada yang disimpan\\. Nomor rujukan: [0-9A-F]{8}\\.$", failure.Message);
        Assert.DoesNotContain("disk full", failure.Message, StringComparison.Ordinal);
        Assert.Equal(observationsBefore, await _harness.Database.DigestAsync("Observations"));
        Assert.Equal(before, await _harness.DigestAsync());
    }

    /// <summary>Fails synchronously once half of the rows are written, inside the commit's transaction.</summary>
    private sealed class FailHalfway : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value)
        {
            if (value is { Stage: ImportStage.Commit, Total: > 0 } && value.Done >= value.Total / 2)
            {
                throw new InvalidOperationException("disk full (simulated)");
            }
        }
    }

    [Fact]
    public async Task AFigureChangedBetweenPreviewAndCommitStopsTheWholeImport()
    {
        var existing = await _harness.SeedAsync("P4-COORD-MEETINGS", 2026, 3, 3);
        var preview = await _harness.PreviewAsync(DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 5), Row("P2-INFO-EVENTS", 2026, 3, "11", value: 1)));
        await using (var db = _harness.Database.OpenContext())
        {
            await db.Observations.Where(o => o.Id == existing.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Value, 4).SetProperty(o => o.Version, 1));
        }
        var before = await _harness.DigestAsync();

        var conflict = await Assert.ThrowsAsync<ImportConflictException>(() => _harness.CommitAsync(preview));

        Assert.Contains("berubah sejak pratinjau", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task AQuarterLockedBetweenPreviewAndCommitStopsTheWholeImport()
    {
        var preview = await _harness.PreviewAsync(DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 5)));
        await _harness.LockAsync(2026, 3);
        var before = await _harness.DigestAsync();

        var conflict = await Assert.ThrowsAsync<ImportConflictException>(() => _harness.CommitAsync(preview));

        Assert.Contains("Triwulan III 2026", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task OnlyTheUserWhoPreviewedMayCommit()
    {
        var preview = await _harness.PreviewAsync(DataWorkbook(Row("P2-INFO-EVENTS", 2026, 3, "11", value: 1)));

        await Assert.ThrowsAsync<ImportRefusedException>(() => _harness.CommitAsync(preview, ImportHarness.OperatorKp2mi));

        Assert.Empty(await _harness.ObservationsAsync());
    }

    [Fact]
    public async Task AJumpOfMoreThanTenfoldOverThePreviousQuarterIsAWarningNotAnError()
    {
        await _harness.SeedAsync("P3-EXPORT-VALUE", 2026, 2, 1000, country: "SA");
        var file = DataWorkbook(
            Row("P3-EXPORT-VALUE", 2026, 3, null, "SA", null, 25000),
            Row("P3-EXPORT-VALUE", 2026, 1, null, "MY", null, 10),
            Row("P3-EXPORT-VALUE", 2026, 2, null, "MY", null, 500));

        var preview = await _harness.PreviewAsync(file);

        Assert.False(preview.HasErrors);
        Assert.True(preview.CanCommit);
        Assert.Equal([("G2", "Rule.Jump"), ("G4", "Rule.Jump")], preview.Warnings.Select(w => (w.CellAddress, w.Rule)));
        Assert.StartsWith("Nilai 25.000 lebih dari sepuluh kali lipat", preview.Warnings.First().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadingAndCheckingCanBeCancelledBeforeTheCommit()
    {
        var rows = Enumerable.Range(0, 6000).Select(i => Row("P4-COORD-MEETINGS", 2024 + i % 6, 1 + i / 6 % 4, value: i)).ToArray();
        var file = DataWorkbook(rows);
        using var cancellation = new CancellationTokenSource();
        var stages = new List<ImportStage>();
        var progress = new SynchronousProgress(p =>
        {
            stages.Add(p.Stage);
            if (p.Stage == ImportStage.Validate)
            {
                cancellation.Cancel();
            }
        });

        await using var scope = _harness.Database.Scope(ImportHarness.Admin);
        var service = _harness.Database.Get<ImportService>(scope);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => service.PreviewAsync(new MemoryStream(file), "besar.xlsx", file.Length, progress, cancellation.Token));

        Assert.Contains(ImportStage.Read, stages);
        Assert.Empty(await _harness.ObservationsAsync());
    }

    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
