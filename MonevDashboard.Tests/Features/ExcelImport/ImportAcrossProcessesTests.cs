using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Features.ExcelImport;
using MonevDashboard.Tests.Support;

using static MonevDashboard.Tests.Features.ExcelImport.ImportWorkbooks;

namespace MonevDashboard.Tests.Features.ExcelImport;

/// <summary>
/// Two app processes on one PostgreSQL database commit imports at once. In one process the in-process LongWrites and
/// SQLite's single write lock serialize writers; across processes on PostgreSQL only the transaction-scoped advisory
/// lock (<see cref="PostgresLocks.ImportWriteKey"/>) does: the commits wait for it, take turns, and leave exactly what
/// committing the same files one after the other leaves, with a complete audit trail.
/// </summary>
[Trait(TestPostgres.Trait, TestPostgres.PostgresOnly)]
public sealed partial class ImportAcrossProcessesTests : IAsyncLifetime
{
    private TestDatabase _first = null!;
    private TestDatabase _second = null!;

    private static readonly byte[] s_fileA = DataWorkbook([.. Enumerable.Range(11, 9).SelectMany(p => new[]
    {
        Row("P1-PMI-TRAINED", 2026, 3, p.ToString(CultureInfo.InvariantCulture), null, "L", 10 + p, source: "BP3MI A"),
        Row("P1-PMI-TRAINED", 2026, 3, p.ToString(CultureInfo.InvariantCulture), null, "P", 20 + p, source: "BP3MI A"),
    })]);

    private static readonly byte[] s_fileB = DataWorkbook([.. Enumerable.Range(31, 6).SelectMany(p => new[]
    {
        Row("P1-PMI-TRAINED", 2026, 3, p.ToString(CultureInfo.InvariantCulture), null, "L", 100 + p, source: "BP3MI B"),
        Row("P1-PMI-TRAINED", 2026, 3, p.ToString(CultureInfo.InvariantCulture), null, "P", 200 + p, source: "BP3MI B"),
    }), Row("P3-UMKM-FACILITATED", 2026, 3, "35", null, null, 7, source: "Dinas B")]);

    public async Task InitializeAsync()
    {
        ImportHarness.UseIndonesian();
        _first = await TestDatabase.CreateAsync(provider: DatabaseProvider.Postgres);
        _second = await _first.AnotherProcessAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    private static async Task<ImportPreview> PreviewAsync(TestDatabase process, byte[] file, string name)
    {
        await using var scope = process.Scope(ImportHarness.Admin);
        var preview = await process.Get<ImportService>(scope).PreviewAsync(new MemoryStream(file), name, file.Length);
        Assert.False(preview.HasErrors, string.Join("\n", preview.Errors.Select(e => $"{e.Sheet}!{e.CellAddress} {e.Message}")));
        return preview;
    }

    private static async Task<ImportResult> CommitAsync(TestDatabase process, ImportPreview preview)
    {
        await using var scope = process.Scope(ImportHarness.Admin);
        return await process.Get<ImportService>(scope).CommitAsync(preview);
    }

    private static async Task<long> WaitingForTheWriteTurnAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT count(*) FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND ((classid::bigint << 32) | objid::bigint) = @key
            """;
        DatabaseDialect.AddParameter(command, "@key", PostgresLocks.ImportWriteKey);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task CommitsOfTwoProcessesWaitForTheWriteTurnTakeTurnsAndEqualTheSerialResult()
    {
        var previewA = await PreviewAsync(_first, s_fileA, "a.xlsx");
        var previewB = await PreviewAsync(_second, s_fileB, "b.xlsx");

        Task<ImportResult> commitA, commitB;
        await using (var holder = await _first.OpenConnectionAsync())
        {
            // A third writer (an import verb, say) holds the turn: both commits must wait for it, not write beside it.
            await using var turn = await _first.Dialect.BeginSerializedWriteAsync(holder, CancellationToken.None);
            commitA = Task.Run(() => CommitAsync(_first, previewA));
            commitB = Task.Run(() => CommitAsync(_second, previewB));
            await using var observer = await _first.OpenConnectionAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await WaitingForTheWriteTurnAsync(observer) < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "Both commits should be waiting for the write turn by now.");
                Assert.False(commitA.IsCompleted || commitB.IsCompleted, "A commit finished while another writer held the write turn.");
                await Task.Delay(50);
            }
            await Task.Delay(300);
            Assert.False(commitA.IsCompleted || commitB.IsCompleted, "A commit finished while another writer held the write turn.");
            await using (var db = _first.OpenContext())
            {
                Assert.Equal(0, await db.Observations.CountAsync());
                Assert.Equal(0, await db.ImportBatches.CountAsync());
            }
            await turn.RollbackAsync();
        }
        var results = await Task.WhenAll(commitA, commitB);
        Assert.All(results, r => Assert.NotNull(r.BatchId));

        await using var serial = await TestDatabase.CreateAsync(provider: DatabaseProvider.Postgres);
        await CommitAsync(serial, await PreviewAsync(serial, s_fileA, "a.xlsx"));
        await CommitAsync(serial, await PreviewAsync(serial, s_fileB, "b.xlsx"));

        Assert.Equal(await ObservationsAsync(serial), await ObservationsAsync(_first));
        var auditConcurrent = await AuditAsync(_first);
        Assert.Equal(await AuditAsync(serial), auditConcurrent);
        Assert.Equal(9 * 2 + 1 + 6 * 2 + 1 + 1, auditConcurrent.Count); // a Create per figure and an Import entry per file

        // Took turns: each batch's audit entries (written in its transaction) form one unbroken run of ids.
        await using var check = _first.OpenContext();
        var order = await check.AuditEntries.AsNoTracking().Where(a => a.ImportBatchId != null).OrderBy(a => a.Id)
            .Select(a => a.ImportBatchId!.Value).ToListAsync();
        var runs = order.Where((batch, i) => i == 0 || order[i - 1] != batch).ToList();
        Assert.Equal(2, runs.Count);
        Assert.Equal(2, await check.ImportBatches.CountAsync(b => b.Status == ImportBatchStatus.Committed));
        Assert.Equal(9 * 2 + 6 * 2 + 1, await check.ImportBatchChanges.CountAsync(c => c.WasInserted));
    }

    [Fact]
    public async Task ARollbackInOneProcessWaitsForAnImportCommittingInTheOther()
    {
        var committed = await CommitAsync(_first, await PreviewAsync(_first, s_fileA, "a.xlsx"));
        var previewB = await PreviewAsync(_first, s_fileB, "b.xlsx");

        Task<RollbackResult> rollback;
        Task<ImportResult> commitB;
        await using (var holder = await _first.OpenConnectionAsync())
        {
            await using var turn = await _first.Dialect.BeginSerializedWriteAsync(holder, CancellationToken.None);
            rollback = Task.Run(async () =>
            {
                await using var scope = _second.Scope(ImportHarness.Admin);
                return await _second.Get<ImportHistoryService>(scope).RollbackAsync(committed.BatchId!.Value);
            });
            commitB = Task.Run(() => CommitAsync(_first, previewB));
            await using var observer = await _first.OpenConnectionAsync();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await WaitingForTheWriteTurnAsync(observer) < 2)
            {
                Assert.True(DateTime.UtcNow < deadline, "The rollback and the commit should be waiting for the write turn by now.");
                await Task.Delay(50);
            }
            Assert.False(rollback.IsCompleted || commitB.IsCompleted);
            await turn.RollbackAsync();
        }

        Assert.True((await rollback).Done, string.Join("; ", (await rollback).Reasons));
        Assert.NotNull((await commitB).BatchId);
        await using var db = _first.OpenContext();
        var left = await db.Observations.AsNoTracking().Select(o => o.Source).Distinct().OrderBy(s => s).ToListAsync();
        Assert.Equal(["BP3MI B", "Dinas B"], left);
    }

    private static async Task<List<string>> ObservationsAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        var rows = await db.Observations.AsNoTracking().ToListAsync();
        return [.. rows.Select(o => string.Join('|', o.IndicatorId, o.Year, o.Quarter, o.ProvinceCode, o.CountryCode, o.Sex,
            o.Value.ToString("R", CultureInfo.InvariantCulture), o.Source, o.Status, o.Version, o.CreatedBy, o.UpdatedBy)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The audit trail with each batch id replaced by its file name (ids depend on which commit went first).</summary>
    private static async Task<List<string>> AuditAsync(TestDatabase database)
    {
        await using var db = database.OpenContext();
        var files = await db.ImportBatches.AsNoTracking().ToDictionaryAsync(b => b.Id.ToString(CultureInfo.InvariantCulture), b => b.FileName);
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.ImportBatchId != null).ToListAsync();
        string Normalize(string? text) => text is null ? "∅" : BatchId().Replace(text, m => $"{m.Groups[1].Value}{files[m.Groups[2].Value]}");
        return [.. entries.Select(a => string.Join('|', a.Action, a.EntityType, a.EntityType == nameof(ImportBatch) ? files[a.EntityKey] : a.EntityKey,
            a.UserName, a.Reason, files[a.ImportBatchId!.Value.ToString(CultureInfo.InvariantCulture)], Normalize(a.OldValues), Normalize(a.NewValues)))
            .Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex("(\"ImportBatchId\":)(\\d+)")]
    private static partial Regex BatchId();
}
