using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.DataEntry;
using MonevDashboard.Features.Periods;
using MonevDashboard.Tests.Features.ExcelImport;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.DataEntry;

/// <summary>
/// Saving while an import (of another process) holds the write turn — SQLite's write lock, PostgreSQL's advisory lock:
/// a clear message within a bound, never a 30-second wait.
/// </summary>
public sealed class DataEntryBusyTests : IAsyncLifetime
{
    private static readonly YearQuarter s_q3 = new(2026, 3);
    private static readonly UserAccess s_operator = TestUser.As("op.kemendag@x", Roles.OperatorKemendag);
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        ImportHarness.UseIndonesian();
        _db = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static CellEdit[] Edits => [new(new CellKey("P3-UMKM-FACILITATED", "35", "", ""), 120, null, null, null)];

    private async Task<SaveResult> SaveAsync()
    {
        await using var scope = _db.Scope(s_operator);
        return await _db.Get<DataEntryService>(scope).SaveAsync(s_q3, Ministry.Kemendag, Edits, null);
    }

    [Fact]
    public async Task SavingWhileAnotherConnectionHoldsTheWriteLockSaysSoWithinTheBoundAndTheSameSaveWorksAfterwards()
    {
        await using (var holder = await _db.OpenConnectionAsync())
        {
            // The write turn, as an import's transaction holds it.
            await using var turn = await _db.Dialect.BeginSerializedWriteAsync(holder, CancellationToken.None);
            var clock = Stopwatch.StartNew();

            var refused = await Assert.ThrowsAsync<DatabaseBusyException>(SaveAsync);

            Assert.InRange(clock.Elapsed.TotalSeconds, DataEntryService.InteractiveBusyTimeoutSeconds - 1, DataEntryService.InteractiveBusyTimeoutSeconds + 5);
            Assert.Contains("isian belum disimpan setelah menunggu 5 detik", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Isian Anda tetap di layar", refused.Message, StringComparison.Ordinal);
            await turn.RollbackAsync();
        }

        var saved = await SaveAsync();

        Assert.True(saved.Saved);
        Assert.Equal(1, saved.Inserted);
    }

    [Fact]
    public async Task SavingWhileAnImportIsBeingCommittedSaysAtOnceWhichImportAndWritesNothing()
    {
        var before = await _db.DigestAsync("Observations");
        var clock = Stopwatch.StartNew();
        using (_db.Services.GetRequiredService<LongWrites>().Begin("data-tw3.xlsx", "op.kp2mi@x"))
        {
            var refused = await Assert.ThrowsAsync<DatabaseBusyException>(SaveAsync);

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"{clock.Elapsed}");
            Assert.Contains("Impor berkas data-tw3.xlsx oleh op.kp2mi@x sedang berjalan", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(before, await _db.DigestAsync("Observations"));
        Assert.True((await SaveAsync()).Saved);
    }
}
