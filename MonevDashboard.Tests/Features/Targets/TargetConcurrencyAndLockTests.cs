using Microsoft.EntityFrameworkCore;
using MonevDashboard.Components.Localization;
using MonevDashboard.Data;
using MonevDashboard.Data.Model;
using MonevDashboard.Domain.Access;
using MonevDashboard.Features.Periods;
using MonevDashboard.Features.Targets;
using MonevDashboard.Tests.Support;

namespace MonevDashboard.Tests.Features.Targets;

/// <summary>
/// Two officials editing the same target from two browsers (two scopes, two service instances, one SQLite file),
/// and targets of locked quarters.
/// </summary>
public sealed class TargetConcurrencyAndLockTests : IAsyncLifetime
{
    private static readonly UserAccess s_ani = TestUser.As("ani@x", Roles.Admin);
    private static readonly UserAccess s_budi = TestUser.As("budi@x", Roles.Admin);

    private TestDatabase _db = null!;
    private int _trained;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using (var db = _db.OpenContext())
        {
            _trained = await db.Indicators.Where(i => i.Code == "P1-PMI-TRAINED").Select(i => i.Id).SingleAsync();
        }
        // Stored through the service, as an Admin would: annual 6.000, TW I 1.500, TW II 1.500.
        var seeded = await SaveAsync(TestUser.As("seed@x", Roles.Admin), 2026,
            new TargetEdit(_trained, Target.Annual, 6000, null, 0), new TargetEdit(_trained, 1, 1500, null, 0), new TargetEdit(_trained, 2, 1500, null, 0));
        Assert.True(seeded.Saved);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<TargetSaveResult> SaveAsync(UserAccess user, int year, params TargetEdit[] edits)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<TargetAdminService>(scope).SaveAsync(year, edits, "Revisi RKA");
    }

    private async Task<TargetGrid> GridAsync(UserAccess user, int year)
    {
        await using var scope = _db.Scope(user);
        return await _db.Get<TargetAdminService>(scope).GetGridAsync(year);
    }

    [Fact]
    public async Task ASaveWaitsForAQuarterBeingLockedAndIsThenRefused()
    {
        var edit = Typed(await GridAsync(s_ani, 2026), 2, 1600);
        // Another writer holds the turn (as locking a quarter does, on another connection or instance) and locks TW II.
        var dialect = DatabaseDialect.Of(_db.Location);
        await using var holder = await _db.OpenConnectionAsync();
        var turn = await dialect.BeginSerializedWriteAsync(holder, CancellationToken.None);
        await using (var command = holder.CreateCommand())
        {
            command.Transaction = turn;
            command.CommandText = "UPDATE \"Periods\" SET \"State\" = @locked WHERE \"Year\" = 2026 AND \"Quarter\" = 2";
            DatabaseDialect.AddParameter(command, "@locked", (int)PeriodState.Locked);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var save = Task.Run(() => SaveAsync(s_ani, 2026, edit));
        await Task.WhenAny(save, Task.Delay(700));
        var waited = !save.IsCompleted;
        await turn.CommitAsync();
        var result = await save;

        Assert.True(waited, "the save went ahead while another writer held the turn: " + string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.False(result.Saved);
        var error = Assert.Single(result.Errors);
        Assert.False(error.IsConflict);
        Assert.Contains("kunci", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1500, (await StoredAsync(2026, 2))!.Value);
    }

    /// <summary>The cell as a form loaded it, with the new value typed in.</summary>
    private TargetEdit Typed(TargetGrid grid, int quarter, double? value)
    {
        var row = grid.Rows.Single(r => r.IndicatorId == _trained);
        return new TargetCellDraft(_trained, quarter, row.Values[quarter], row.Versions[quarter]) { Text = IndonesianInput(value) }.ToEdit();
    }

    private static string IndonesianInput(double? value) => IndonesianNumber.ToInput(value);

    private async Task<Target?> StoredAsync(int year, int quarter)
    {
        await using var db = _db.OpenContext();
        return await db.Targets.AsNoTracking().SingleOrDefaultAsync(t => t.IndicatorId == _trained && t.Year == year && t.Quarter == quarter);
    }

    private async Task<int> TargetAuditCountAsync()
    {
        await using var db = _db.OpenContext();
        return await db.AuditEntries.CountAsync(a => a.EntityType == "Target");
    }

    [Fact]
    public async Task TheSecondOfTwoOfficialsSavingTheSameTargetIsRefusedWithTheFirstsValueWhoAndWhenAndNothingIsOverwritten()
    {
        var aniGrid = await GridAsync(s_ani, 2026);
        var budiGrid = await GridAsync(s_budi, 2026);

        Assert.True((await SaveAsync(s_ani, 2026, Typed(aniGrid, Target.Annual, 6500))).Saved);
        var audits = await TargetAuditCountAsync();
        var refused = await SaveAsync(s_budi, 2026, Typed(budiGrid, Target.Annual, 7000));

        Assert.False(refused.Saved);
        var error = Assert.Single(refused.Errors);
        Assert.True(error.IsConflict);
        Assert.Equal((_trained, Target.Annual), (error.IndicatorId, error.Quarter));
        Assert.Equal("Target ini sudah diubah oleh ani@x pada 28 Nov 2026 10.00 WIB sejak halaman dimuat (sekarang 6.500). "
            + "Isian Anda belum disimpan dan masih di sel; muat ulang untuk melihat nilai mereka.", error.Message);
        var stored = await StoredAsync(2026, Target.Annual);
        Assert.Equal((6500d, "ani@x"), (stored!.Value, stored.UpdatedBy));
        Assert.Equal(audits, await TargetAuditCountAsync());

        // After a reload the same official can save over the value they now see.
        Assert.True((await SaveAsync(s_budi, 2026, Typed(await GridAsync(s_budi, 2026), Target.Annual, 7000))).Saved);
        Assert.Equal(7000, (await StoredAsync(2026, Target.Annual))!.Value);
    }

    [Fact]
    public async Task ATargetChangedAndChangedBackSinceTheGridWasLoadedStillRefusesTheStaleSave()
    {
        var budiGrid = await GridAsync(s_budi, 2026);
        Assert.True((await SaveAsync(s_ani, 2026, Typed(await GridAsync(s_ani, 2026), 1, 1700))).Saved);
        Assert.True((await SaveAsync(s_ani, 2026, Typed(await GridAsync(s_ani, 2026), 1, 1500))).Saved);

        var refused = await SaveAsync(s_budi, 2026, Typed(budiGrid, 1, 1800));

        Assert.False(refused.Saved);
        Assert.True(Assert.Single(refused.Errors).IsConflict);
        Assert.Equal(1500, (await StoredAsync(2026, 1))!.Value);
    }

    [Fact]
    public async Task TwoContextsUpdatingTheSameTargetRowCannotBothWrite()
    {
        await using var scope = _db.Scope(s_ani);
        var factory = _db.Get<IDbContextFactory<MonevDbContext>>(scope);
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        var a = await first.Targets.SingleAsync(t => t.IndicatorId == _trained && t.Year == 2026 && t.Quarter == Target.Annual);
        var b = await second.Targets.SingleAsync(t => t.IndicatorId == _trained && t.Year == 2026 && t.Quarter == Target.Annual);
        a.Value = 6100;
        b.Value = 6200;

        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        Assert.Equal(6100, (await StoredAsync(2026, Target.Annual))!.Value);
    }

    [Fact]
    public async Task AQuarterlyTargetOfALockedQuarterIsRefusedAndAfterAnAuditedUnlockItIsSavedAndAudited()
    {
        await using (var admin = _db.Scope(s_ani))
        {
            await _db.Get<PeriodService>(admin).LockAsync(new YearQuarter(2026, 1));
        }
        var grid = await GridAsync(s_budi, 2026);
        var before = await _db.DigestAsync("Targets") + await _db.DigestAsync("AuditEntries");

        var refused = await SaveAsync(s_budi, 2026, Typed(grid, 1, 1600));

        Assert.False(refused.Saved);
        Assert.Equal("Triwulan I 2026 sudah dikunci setelah rapat tinjauan; datanya tidak dapat diubah. Minta Admin membuka kunci bila perlu koreksi.",
            Assert.Single(refused.Errors).Message);
        Assert.Equal(before, await _db.DigestAsync("Targets") + await _db.DigestAsync("AuditEntries"));

        await using (var admin = _db.Scope(s_ani))
        {
            await _db.Get<PeriodService>(admin).UnlockAsync(new YearQuarter(2026, 1), "Revisi target TW I");
        }
        var saved = await SaveAsync(s_budi, 2026, Typed(await GridAsync(s_budi, 2026), 1, 1600));

        Assert.True(saved.Saved);
        Assert.Equal(1600, (await StoredAsync(2026, 1))!.Value);
        await using var db = _db.OpenContext();
        var unlock = await db.AuditEntries.SingleAsync(a => a.EntityType == "Period" && a.Reason == "Revisi target TW I");
        Assert.Equal("ani@x", unlock.UserName);
        var change = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.EntityType == "Target");
        Assert.Equal(("budi@x", (string?)"Revisi RKA", (int?)1), (change.UserName, change.Reason, change.Quarter));
        Assert.Equal("""{"Value":1500}""", change.OldValues);
        Assert.Equal("""{"Value":1600}""", change.NewValues);
    }

    [Fact]
    public async Task AnAnnualTargetIsFrozenWhileAnyQuarterOfItsYearIsLockedButOtherQuartersAndYearsStayOpen()
    {
        await using (var admin = _db.Scope(s_ani))
        {
            await _db.Get<PeriodService>(admin).LockAsync(new YearQuarter(2026, 2));
        }
        var grid = await GridAsync(s_budi, 2026);

        var annual = await SaveAsync(s_budi, 2026, Typed(grid, Target.Annual, 6600));
        var quarterTwo = await SaveAsync(s_budi, 2026, Typed(grid, 2, 1600));

        Assert.False(annual.Saved);
        Assert.Equal("Target tahunan dibekukan karena Triwulan II 2026 sudah dikunci: capaian dalam tinjauan triwulan itu memakai target ini. "
            + "Minta Admin membuka kunci triwulan (tercatat di jejak audit) bila perlu koreksi.", Assert.Single(annual.Errors).Message);
        Assert.False(quarterTwo.Saved);
        Assert.Equal(6000, (await StoredAsync(2026, Target.Annual))!.Value);
        Assert.Equal(1500, (await StoredAsync(2026, 2))!.Value);

        Assert.True((await SaveAsync(s_budi, 2026, Typed(grid, 3, 1500))).Saved);
        Assert.True((await SaveAsync(s_budi, 2027, Typed(await GridAsync(s_budi, 2027), Target.Annual, 7000))).Saved);
    }

    [Fact]
    public async Task TheGridNamesTheColumnsALockFreezesWithTheReason()
    {
        await using (var admin = _db.Scope(s_ani))
        {
            await _db.Get<PeriodService>(admin).LockAsync(new YearQuarter(2026, 2));
        }

        var grid = await GridAsync(s_budi, 2026);
        var next = await GridAsync(s_budi, 2027);

        Assert.Equal([Target.Annual, 2], grid.LockedColumns.Keys.Order());
        Assert.StartsWith("Triwulan II 2026 sudah dikunci", grid.LockedColumns[2]);
        Assert.StartsWith("Target tahunan dibekukan karena Triwulan II 2026", grid.LockedColumns[Target.Annual]);
        Assert.Empty(next.LockedColumns);
    }
}
