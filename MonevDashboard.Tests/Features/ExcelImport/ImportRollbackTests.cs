using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.ExcelImport;
using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>Rolling a batch back restores what it overwrote and removes what it added — or refuses, saying why.</summary>
public sealed class ImportRollbackTests : IAsyncLifetime
{
    private ImportHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ImportHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private static byte[] File => DataWorkbook(
        Row("P1-PMI-TRAINED", 2026, 3, "35", null, "P", 55, source: "BP3MI"),
        Row("P1-PMI-TRAINED", 2026, 3, "35", null, "L", 30));

    [Fact]
    public async Task RollbackRestoresTheOverwrittenFiguresAndRemovesTheAddedOnes()
    {
        var existing = await _harness.SeedAsync("P1-PMI-TRAINED", 2026, 3, 40, province: "35", sex: "P");
        var (_, imported) = await _harness.ImportAsync(File, reason: "Koreksi BP3MI");

        var result = await _harness.RollbackAsync(imported.BatchId!.Value);

        Assert.True(result.Done, string.Join("; ", result.Reasons));
        Assert.Equal((1, 1), (result.Restored, result.Removed));
        var rows = await _harness.ObservationsAsync();
        var restored = Assert.Single(rows);
        Assert.Equal((existing.Id, 40.0, "Laporan awal", ObservationStatus.Verified, (long?)null),
            (restored.Id, restored.Value, restored.Source, restored.Status, restored.ImportBatchId));
        Assert.Equal(2, restored.Version);

        await using var db = _harness.Database.OpenContext();
        var batch = await db.ImportBatches.SingleAsync();
        Assert.Equal((ImportBatchStatus.RolledBack, "tester@monev.go.id"), (batch.Status, batch.RolledBackBy));
        var audit = await db.AuditEntries.Where(a => a.ImportBatchId == batch.Id && a.Reason!.StartsWith("Pembatalan impor")).Select(a => a.Action).ToListAsync();
        Assert.Equal(["Delete", "Rollback", "Update"], audit.Order());
    }

    [Fact]
    public async Task RollbackIsRefusedWhenAnImportedFigureWasChangedSinceAndChangesNothing()
    {
        var (_, imported) = await _harness.ImportAsync(File);
        await using (var db = _harness.Database.OpenContext())
        {
            var figure = await db.Observations.SingleAsync(o => o.Sex == "L");
            figure.Value = 31;
            figure.Version++;
            figure.UpdatedBy = "verifikator@kp2mi.go.id";
            await db.SaveChangesAsync();
        }
        var before = await _harness.DigestAsync();

        var result = await _harness.RollbackAsync(imported.BatchId!.Value);

        Assert.False(result.Done);
        var reason = Assert.Single(result.Reasons);
        Assert.StartsWith("Data P1-PMI-TRAINED · TW III 2026 · 35 · L sudah diubah sejak impor (oleh verifikator@kp2mi.go.id", reason, StringComparison.Ordinal);
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task RollbackIsRefusedWhenTheQuarterIsLockedSince()
    {
        var (_, imported) = await _harness.ImportAsync(File);
        await _harness.LockAsync(2026, 3);
        var before = await _harness.DigestAsync();

        var result = await _harness.RollbackAsync(imported.BatchId!.Value);

        Assert.False(result.Done);
        Assert.Contains(result.Reasons, r => r.Contains("Triwulan III 2026", StringComparison.Ordinal));
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task ABatchIsRolledBackOnlyOnce()
    {
        var (_, imported) = await _harness.ImportAsync(File);
        Assert.True((await _harness.RollbackAsync(imported.BatchId!.Value)).Done);

        var second = await _harness.RollbackAsync(imported.BatchId!.Value);

        Assert.False(second.Done);
        Assert.StartsWith($"Impor #{imported.BatchId} sudah dibatalkan", Assert.Single(second.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOperatorCannotRollBackAnotherMinistrysFigures()
    {
        var (_, imported) = await _harness.ImportAsync(File);
        var before = await _harness.DigestAsync();

        var result = await _harness.RollbackAsync(imported.BatchId!.Value, ImportHarness.OperatorKemendag);

        Assert.False(result.Done);
        Assert.Contains(result.Reasons, r => r.StartsWith("Indikator P1-PMI-TRAINED milik kementerian lain", StringComparison.Ordinal));
        Assert.Equal(before, await _harness.DigestAsync());
    }

    [Fact]
    public async Task RollbackRestoresTargetsTheBatchWrote()
    {
        var meetings = await _harness.IndicatorIdAsync("P4-COORD-MEETINGS");
        await using (var db = _harness.Database.OpenContext())
        {
            db.Targets.Add(new Target { IndicatorId = meetings, Year = 2027, Quarter = 0, Value = 12 });
            await db.SaveChangesAsync();
        }
        var file = Build(wb =>
        {
            Sheet(wb, "Data", DataHeader, []);
            Sheet(wb, "Target", TargetHeader, [["P4-COORD-MEETINGS", 2027, null, 16], ["P4-COORD-MEETINGS", 2027, 2, 4]]);
        });
        var (preview, imported) = await _harness.ImportAsync(file);
        Assert.Equal(new ImportCounts(2, 1, 1, 0, 0), preview.Targets);

        var result = await _harness.RollbackAsync(imported.BatchId!.Value);

        Assert.True(result.Done, string.Join("; ", result.Reasons));
        await using var check = _harness.Database.OpenContext();
        var target = Assert.Single(await check.Targets.Where(t => t.IndicatorId == meetings && t.Year == 2027).ToListAsync());
        Assert.Equal((0, 12.0), (target.Quarter, target.Value));
    }

    [Fact]
    public async Task HistoryListsEveryBatchNewestFirst()
    {
        var (_, first) = await _harness.ImportAsync(File, "tw3-a.xlsx");
        var (_, second) = await _harness.ImportAsync(DataWorkbook(Row("P4-COORD-MEETINGS", 2026, 3, value: 2)), "tw3-b.xlsx");
        await _harness.RollbackAsync(second.BatchId!.Value);

        await using var scope = _harness.Database.Scope();
        var history = await _harness.Database.Get<ImportHistoryService>(scope).HistoryAsync();

        Assert.Equal([(second.BatchId!.Value, "tw3-b.xlsx", ImportBatchStatus.RolledBack), (first.BatchId!.Value, "tw3-a.xlsx", ImportBatchStatus.Committed)],
            history.Select(h => (h.Id, h.FileName, h.Status)));
        Assert.Equal((2, 2, 0), (history[1].RowsRead, history[1].Inserted, history[1].Updated));
    }
}
